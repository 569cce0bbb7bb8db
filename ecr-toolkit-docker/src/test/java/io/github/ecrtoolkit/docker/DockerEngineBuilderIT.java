package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.ImageBuilder;
import io.github.ecrtoolkit.core.build.PushTarget;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** The ImageBuilder SPI on the real engine: discovered by ServiceLoader, builds RUN, pushes, skopeo reads it back. */
@ExtendWith(TestServices.class)
class DockerEngineBuilderIT {

    @TempDir
    Path dir;

    @Test
    void serviceLoader_findsTheEngineBuilder() {
        assertThat(ServiceLoader.load(ImageBuilder.class).stream().map(ServiceLoader.Provider::type))
                .contains(DockerEngineBuilder.class);
    }

    @Test
    void buildAndPush_withRun_pushesEveryTagAndReportsProgress(TestTools tools, TestRegistry registry,
            TestDockerEngine engine) throws Exception {
        Path context = Contexts.withDockerfile(dir, tools,
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo via-spi > /out\"]",
                "CMD [\"/bin/busybox\",\"cat\",\"/out\"]");
        ImageReference tag = ImageReference.parse(registry.host() + "/ecrtk-docker/spi-" + Contexts.suffix() + ":1");
        BuildRequest request = BuildRequest.builder(context).tag(tag).tag(tag.withTag("2")).label("built-by", "spi").build();
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
                events.add(event);
            }
        };
        ImageBuilder builder = DockerEngineBuilder.on(DockerHost.unixSocket(engine.socket()));
        assertThat(builder.supports(request).supported()).isTrue();

        PushResult result;
        try {
            try (Registry target = Registry.builder().host(registry.host()).credentials(DockerEngineIT.credentials(registry))
                    .allowInsecureLoopback(true).build()) {
                result = builder.buildAndPush(request, PushTarget.of(target, listener));
            }
        } finally {
            engine.docker(dir.resolve("cfg"), "rmi", "--force", tag.toString(), tag.withTag("2").toString());
        }

        assertThat(result.imageUris()).containsExactly(tag + "@" + result.digest(), tag.withTag("2") + "@" + result.digest());
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.BuildStep s && s.message().startsWith("Step 3/5 : RUN"));
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.LayerPushed || e instanceof ProgressEvent.LayerMounted).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.ManifestPushed).hasSize(2);
        Commands.Result inspect = Commands.run(tools.skopeo().toString(), "inspect", "--tls-verify=false", "--creds",
                registry.username().orElseThrow() + ":" + registry.password().orElseThrow(),
                "docker://" + tag.withTag("2")).assertSuccess();
        assertThat(inspect.stdout()).contains("\"Digest\": \"" + result.digest() + "\"", "\"built-by\": \"spi\"");
    }

    @Test
    void buildAndPush_whenTheTokenExpired_refreshesOnceAndPushes(TestTools tools, TestRegistry registry,
            TestDockerEngine engine) throws Exception {
        Path context = Contexts.withDockerfile(dir, tools, "FROM scratch", "COPY busybox /bin/busybox");
        ImageReference tag = ImageReference.parse(registry.host() + "/ecrtk-docker/refresh-" + Contexts.suffix() + ":1");
        int[] invalidations = {0};
        RegistryCredentialsProvider expiring = new RegistryCredentialsProvider() {
            @Override
            public RegistryCredentials credentials() {
                return invalidations[0] == 0 ? RegistryCredentials.basic("AWS", "expired-token")
                        : DockerEngineIT.credentials(registry);
            }

            @Override
            public void invalidate() {
                invalidations[0]++;
            }
        };

        try (Registry target = Registry.builder().host(registry.host()).credentials(expiring).allowInsecureLoopback(true).build()) {
            PushResult result = DockerEngineBuilder.on(DockerHost.unixSocket(engine.socket()))
                    .buildAndPush(BuildRequest.builder(context).tag(tag).build(), PushTarget.of(target, null));
            assertThat(result.reference()).isEqualTo(tag);
        } finally {
            engine.docker(dir.resolve("cfg"), "rmi", "--force", tag.toString());
        }
        assertThat(invalidations[0]).isEqualTo(1);
    }
}
