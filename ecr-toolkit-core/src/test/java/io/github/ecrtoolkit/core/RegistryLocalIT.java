package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** {@link Registry#local}: plain HTTP on loopback in one call, against the real Basic-auth registry. */
@ExtendWith(TestServices.class)
class RegistryLocalIT {

    @Test
    void local_pushesOverPlainHttp_toARegistryOnThisMachine(TestRegistry r, TestTools tools, @TempDir Path dir) throws Exception {
        Files.copy(tools.busybox(), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");

        try (Registry registry = Registry.local(r.host(), RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow()))) {
            PushResult pushed = registry.build(dir).tag("local/app-" + UUID.randomUUID().toString().substring(0, 8) + ":1").push();

            assertThat(pushed.imageUri()).startsWith(r.host() + "/local/app-");
        }
    }

    @Test
    void local_ofAHostThatIsNotLoopback_isRefused_namingTheAlternative() {
        assertThatThrownBy(() -> Registry.local("registry.example.com:5000"))
                .isInstanceOf(EcrToolkitException.class)
                .hasMessageContaining("only allowed for loopback registries")
                .extracting(e -> ((EcrToolkitException) e).reason()).isEqualTo(EcrToolkitException.Reason.INVALID_INPUT);
    }
}
