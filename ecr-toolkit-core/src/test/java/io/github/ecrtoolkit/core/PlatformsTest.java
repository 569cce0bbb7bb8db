package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.BuildSupport;
import io.github.ecrtoolkit.core.build.ImageBuilder;
import io.github.ecrtoolkit.core.build.PushTarget;
import io.github.ecrtoolkit.core.image.InvalidReferenceException;
import io.github.ecrtoolkit.core.image.Platform;

/** Asking for platforms: what is refused before anything is built or sent. */
class PlatformsTest {

    @Test
    void platforms_noneTwiceOrMalformed_isRefused() {
        assertThatThrownBy(() -> Image.create().platforms()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Image.create().platforms("linux/amd64", "linux/amd64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Image.create().platforms("linux/amd64", "arm64")).isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("os/arch");
    }

    @Test
    void layerForAPlatformThatIsNotBuilt_isRefused_notLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lib.so"), "native");
        ImageBuild build = Image.build(dir).platforms("linux/amd64", "linux/arm64")
                .layer(Platform.parse("linux/s390x"), "lib.so", "/app/lib.so").tag("app:1");
        assertThatThrownBy(() -> build.writeOciLayout(dir.resolve("oci"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linux/s390x").hasMessageContaining("not built");
        ImageBuild single = Image.build(dir).layer(Platform.parse("linux/arm64"), "lib.so", "/app/lib.so").tag("app:1");
        assertThatThrownBy(() -> single.writeOciLayout(dir.resolve("oci"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linux/arm64");
    }

    @Test
    void request_forSeveralPlatforms_hasNoSinglePlatform_soAOnePlatformBuilderCannotPickOne() {
        BuildRequest request = BuildRequest.builder(Path.of("app"))
                .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"))).build();
        assertThat(request.isMultiPlatform()).isTrue();
        assertThatThrownBy(request::platform).isInstanceOf(BuildException.class).hasMessageContaining("2 platforms");
        assertThat(BuildRequest.builder(Path.of("app")).build().platform()).isEmpty();
        assertThat(BuildRequest.builder(Path.of("app")).build().platformsOrDefault()).containsExactly(Platform.DEFAULT);
    }

    @Test
    void push_severalPlatforms_withABuilderOfOnePlatform_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nRUN true\n");
        ImageBuilder onePlatform = new ImageBuilder() {
            @Override
            public String name() {
                return "one-platform";
            }

            @Override
            public BuildSupport supports(BuildRequest request) {
                return BuildSupport.yes();
            }

            @Override
            public PushResult buildAndPush(BuildRequest request, PushTarget target) {
                throw new AssertionError("must not be asked to build " + request.platforms());
            }
        };
        try (Registry registry = Registry.local("127.0.0.1:9")) {
            assertThatThrownBy(() -> registry.build(dir).builder(onePlatform).platforms("linux/amd64", "linux/arm64").tag("app:1").push())
                    .isInstanceOf(BuildException.class).hasMessageContaining("one-platform builds one platform at a time");
        }
    }

    @Test
    void host_isLinuxWithThisMachinesArchitectureInGoNames() {
        Platform host = Platform.host();
        assertThat(host.os()).isEqualTo("linux");
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            assertThat(host.architecture()).isEqualTo("amd64");
        } else if (arch.equals("aarch64")) {
            assertThat(host.architecture()).isEqualTo("arm64");
        }
    }
}
