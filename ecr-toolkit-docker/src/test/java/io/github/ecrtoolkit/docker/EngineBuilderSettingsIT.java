package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.RegistryProxy;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * The third way of building — a Dockerfile with {@code RUN} on the Docker Engine, pushed by export —
 * honours what is set on {@link Registry} like the daemonless ones: the engine pulls a base from the
 * registry that needs Basic auth with the base-image credentials, and the push keeps the request
 * cap and retries the manifest PUT the proxy fails once.
 */
@ExtendWith(TestServices.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EngineBuilderSettingsIT {

    @Test
    void engineBuild_pullsTheBaseWithBaseImageCredentials_andPushesWithTheCapAndRetries(TestTools tools, TestRegistry secured,
            @OpenRegistry TestRegistry open, TestDockerEngine engine, @TempDir Path dir) throws Exception {
        RegistryCredentials securedCredentials = DockerEngineIT.credentials(secured);
        String base = secured.host() + "/settings/engine-base-" + Contexts.suffix() + ":1";
        try (Registry baseRegistry = Registry.builder().host(secured.host()).credentials(securedCredentials)
                .allowInsecureLoopback(true).build()) {
            Path busybox = Files.copy(tools.busybox(), Files.createDirectories(dir.resolve("base")).resolve("busybox"));
            baseRegistry.image().layer(busybox, "/bin/busybox").tag(base.substring(secured.host().length() + 1)).push();
        }
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo ran > /out\"]\n");
        String tag = "settings/engine-" + Contexts.suffix() + ":1";
        String built = null;

        try (RegistryProxy proxy = new RegistryProxy(open).slowBlobChecks(150).failFirstManifestPut();
             Registry registry = Registry.builder().host(proxy.host()).allowInsecureLoopback(true)
                     .maxConcurrentRequests(1)
                     .retries(3, Duration.ofMillis(10), Duration.ofMillis(100))
                     .baseImageCredentials(host -> host.equals(secured.host()) ? securedCredentials : RegistryCredentials.anonymous())
                     .build()) {
            built = registry.host() + "/" + tag;
            PushResult result = registry.build(context)
                    .builder(DockerEngineBuilder.on(DockerHost.unixSocket(engine.socket())).pushMode(PushMode.EXPORT))
                    .tag(tag).push();

            assertThat(result.layers()).hasSize(2); // busybox, and what RUN wrote
            assertThat(proxy.manifestPuts()).as("the 503 was retried").isEqualTo(2);
            assertThat(proxy.maxInFlight()).as("requests in flight").isEqualTo(1);
            assertThat(registry.digestOf(tag)).contains(result.digest());
        } finally {
            engine.docker(dir.resolve("cfg"), "rmi", "--force", base);
            if (built != null) {
                engine.docker(dir.resolve("cfg"), "rmi", "--force", built); // the engine keeps a build's tags
            }
        }
    }
}
