package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.BuildSupport;
import io.github.ecrtoolkit.core.image.Platform;

/** The Engine's classic builder makes one platform per build: several are refused, saying so, never built as one. */
class DockerEngineBuilderPlatformsTest {

    @Test
    void supports_severalPlatforms_isNo_namingThemAndWhatToDo_withoutAskingTheEngine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nRUN true\n");
        BuildRequest request = BuildRequest.builder(dir).platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
                .build();
        DockerEngineBuilder builder = DockerEngineBuilder.on(DockerHost.tcp(java.net.URI.create("tcp://127.0.0.1:9")));
        BuildSupport support = builder.supports(request);
        assertThat(support.supported()).isFalse();
        assertThat(support.reason()).contains("one platform at a time").contains("[linux/amd64, linux/arm64]");
        assertThat(builder.buildsSeveralPlatforms()).isFalse();
    }

    @Test
    void push_severalPlatforms_withARunDockerfile_isRefused_namingTheEngineBuilder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nRUN true\n");
        try (Registry registry = Registry.local("127.0.0.1:9")) {
            assertThatThrownBy(() -> registry.build(dir).builder(DockerEngineBuilder.on(DockerHost.tcp(java.net.URI.create("tcp://127.0.0.1:9"))))
                    .platforms("linux/amd64", "linux/arm64").tag("app:1").push())
                    .isInstanceOf(BuildException.class).hasMessageContaining("docker-engine builds one platform at a time");
        }
    }
}
