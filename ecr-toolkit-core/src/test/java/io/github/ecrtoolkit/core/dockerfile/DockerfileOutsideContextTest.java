package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.LayerException;

/**
 * A Dockerfile or ignore file that leads out of the build context (a symbolic link, {@code ../}) is
 * refused without being read: in CI builds of untrusted repositories, reading {@code /etc/passwd}
 * through a link and echoing its first line in the parse error printed a secret into the logs.
 */
class DockerfileOutsideContextTest {

    @TempDir
    Path dir;

    private Path secret() throws Exception {
        return Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:SECRET-FIRST-LINE\n");
    }

    @Test
    void dockerfileLinkedOutsideTheContext_isRefusedUnread_throughTheWholePush() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.createSymbolicLink(context.resolve("Dockerfile"), secret());
        try (Registry registry = Registry.builder().host("127.0.0.1:9").allowInsecureLoopback(true).build()) {
            assertThatThrownBy(() -> registry.build(context).tag("app:1").push())
                    .isInstanceOf(DockerfileException.class)
                    .hasMessageContaining("leads out of the build context")
                    .hasMessageNotContaining("SECRET")
                    .satisfies(e -> assertThat(((EcrToolkitException) e).reason()).isEqualTo(EcrToolkitException.Reason.INVALID_INPUT));
        }
    }

    @Test
    void dockerfileNamedWithDotDot_isRefusedUnread() throws Exception {
        secret();
        Path context = Files.createDirectories(dir.resolve("context"));
        assertThatThrownBy(() -> Dockerfile.read(context, "../secret.txt")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("leads out of the build context").hasMessageNotContaining("SECRET");
    }

    @Test
    void dockerfileLinkedInsideTheContext_isRead() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("real.Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(context.resolve("Dockerfile"), Path.of("real.Dockerfile"));
        assertThat(Dockerfile.read(context, "Dockerfile").instructions()).hasSize(1);
    }

    @Test
    void ignoreFileLinkedOutsideTheContext_isRefusedUnread() throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(context.resolve(".dockerignore"), secret());
        assertThatThrownBy(() -> DockerIgnore.load(context, "Dockerfile")).isInstanceOf(LayerException.class)
                .hasMessageContaining("leads out of the build context").hasMessageNotContaining("SECRET");
    }
}
