package io.github.ecrtoolkit.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.layer.internal.EntryCollector;

/** Whether the daemonless builder takes a Dockerfile is decided from its instructions; the build walks the context once. */
class DaemonlessBuilderTest {

    @TempDir
    Path dir;
    Path context;

    @BeforeEach
    void context() throws IOException {
        context = Files.createDirectories(dir.resolve("ctx"));
        for (String folder : new String[] {"libs", "classes/a/b"}) {
            Files.createDirectories(context.resolve(folder));
            for (int i = 0; i < 20; i++) {
                Files.writeString(context.resolve(folder).resolve("f" + i + ".txt"), folder + " " + i);
            }
        }
    }

    private BuildSupport supports(String dockerfile) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return new DaemonlessBuilder().supports(BuildRequest.builder(context).build());
    }

    @Test
    void supports_decidesFromTheInstructions_withoutWalkingAFolder() throws IOException {
        long before = EntryCollector.walks();

        BuildSupport support = supports("FROM scratch\nCOPY libs /app/libs\nCOPY classes /app/classes\n");

        assertThat(support.supported()).isTrue();
        assertThat(EntryCollector.walks() - before).isZero();
    }

    @Test
    void supports_whenRunFollowsCopies_refusesNamingTheLine() throws IOException {
        long before = EntryCollector.walks();

        BuildSupport support = supports("FROM scratch\nCOPY libs /app/libs\nRUN echo hi\n");

        assertThat(support.supported()).isFalse();
        assertThat(support.reason()).contains("Dockerfile:3").contains("RUN echo hi");
        assertThat(EntryCollector.walks() - before).isZero();
    }

    @Test
    void supports_whenTheDockerfileIsMalformedOrASourceIsMissing_throws() {
        assertThatThrownBy(() -> supports("COPY libs /app/libs\n")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("before the first FROM");
        assertThatThrownBy(() -> supports("FROM scratch\nCOPY nothing-here /x\n")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("Dockerfile:2").hasMessageContaining("does not exist");
    }

    @Test
    void aBuild_walksEachCopiedFolderOnce() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY libs /app/libs\nCOPY classes /app/classes\n");
        long before = EntryCollector.walks();

        try (Registry registry = Registry.of("127.0.0.1:9")) { // a scratch image: nothing is fetched
            registry.build(context).tag("walk/once:1").layerCache(LayerCache.at(dir.resolve("cache")))
                    .writeTarball(dir.resolve("image.tar"));
        }

        // one walk per COPY of a folder: the choice of builder walked nothing, the build each folder once
        assertThat(EntryCollector.walks() - before).isEqualTo(2);
        assertThat(dir.resolve("image.tar")).isNotEmptyFile();
    }

    @Test
    void aTwoPlatformBuild_walksEachCopiedFolderOnceToo() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY libs /app/libs\nCOPY classes /app/classes\n");
        long before = EntryCollector.walks();

        try (Registry registry = Registry.of("127.0.0.1:9")) {
            registry.build(context).platforms("linux/amd64", "linux/arm64").tag("walk/once:1")
                    .layerCache(LayerCache.at(dir.resolve("cache"))).writeOciLayout(dir.resolve("oci"));
        }

        // the arm64 plan reuses the amd64 plan's walks: its COPY lines come out the same
        assertThat(EntryCollector.walks() - before).isEqualTo(2);
        assertThat(dir.resolve("oci/index.json")).isNotEmptyFile();
    }
}
