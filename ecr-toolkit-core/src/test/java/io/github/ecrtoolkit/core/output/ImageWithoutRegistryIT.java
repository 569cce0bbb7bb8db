package io.github.ecrtoolkit.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.Image;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** {@link Image}: images written without a Registry, checked with the real Docker Engine and skopeo. */
@ExtendWith(TestServices.class)
class ImageWithoutRegistryIT {

    @Test
    void writeTarball_withoutARegistry_isLoadedByDocker_underItsPlainName_andRuns(TestTools tools, TestDockerEngine engine,
                                                                                 @TempDir Path dir) throws Exception {
        String message = "no registry " + UUID.randomUUID();
        String name = "ecrtk-no-registry-" + UUID.randomUUID().toString().substring(0, 8) + ":dev";

        Path tar = Image.build(ImageOutputsIT.context(dir, tools, message)).tag(name).writeTarball(dir.resolve("image.tar"));

        Path config = Files.createDirectories(dir.resolve("docker-config"));
        try {
            assertThat(engine.docker(config, "load", "-i", tar.toString()).assertSuccess().stdout()).contains("Loaded image: " + name);
            assertThat(engine.docker(config, "run", "--rm", name).assertSuccess().stdout().trim()).isEqualTo(message);
        } finally {
            engine.docker(config, "rmi", "--force", name);
        }
    }

    @Test
    void writeOciLayout_withoutARegistry_readsTheBaseFromItsRegistry_andMatchesAPush(TestRegistry r, TestTools tools,
                                                                                     @TempDir Path dir) throws Exception {
        Path context = ImageOutputsIT.context(dir, tools, "layout");
        String base = "outputs/no-registry-base-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        RegistryCredentials credentials = RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow());
        PushResult pushed;
        try (Registry registry = Registry.builder().host(r.host()).credentials(credentials).allowInsecureLoopback(true).build()) {
            registry.build(context).tag(base).push();
            Files.writeString(context.resolve("Dockerfile"), "FROM " + r.host() + "/" + base + "\nCOPY msg.txt /again.txt\n");
            pushed = registry.build(context).tag("outputs/no-registry-app:2").push();
        }

        Path layout = Image.options().baseImageCredentials(host -> credentials).allowInsecureLoopback(true)
                .build(context).tag("app:2").writeOciLayout(dir.resolve("layout"));

        String digest = Commands.run(tools.skopeo().toString(), "inspect", "--format", "{{.Digest}}", "oci:" + layout + ":2")
                .assertSuccess().stdout().trim();
        assertThat(digest).isEqualTo(pushed.digest().toString());
    }
}
