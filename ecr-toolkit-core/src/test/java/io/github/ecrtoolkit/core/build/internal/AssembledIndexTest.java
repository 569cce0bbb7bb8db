package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;

class AssembledIndexTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

    private static AssembledImage image(NewLayer layer, String manifestType, String platformName) {
        byte[] config = ("{\"architecture\":\"" + platformName + "\"}").getBytes(StandardCharsets.UTF_8);
        return AssembledImage.of(manifestType, List.of(), List.of(layer), config);
    }

    @Test
    void index_ofOciImages_isAnOciIndexWithAPlatformPerEntry_inTheOrderGiven(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        AssembledImage amd = image(layer, MediaTypes.OCI_MANIFEST, "amd64");
        AssembledImage arm = image(layer, MediaTypes.OCI_MANIFEST, "arm64");
        AssembledIndex index = AssembledIndex.of(List.of(new AssembledIndex.PlatformImage(AMD64, amd),
                new AssembledIndex.PlatformImage(ARM64, arm)));

        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(index.index().manifests()).extracting(Descriptor::digest).containsExactly(amd.digest(), arm.digest());
        assertThat(index.index().manifests()).extracting(d -> d.platform().orElseThrow()).containsExactly(AMD64, ARM64);
        assertThat(new String(index.indexBytes(), StandardCharsets.UTF_8))
                .startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[")
                .contains("\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}");
        assertThat(index.digest()).isEqualTo(Digest.sha256(index.indexBytes()));
        assertThat(index.imageFor(Platform.parse("linux/arm64")).orElseThrow().image()).isEqualTo(arm);
        assertThat(index.imageFor(Platform.parse("linux/s390x"))).isEmpty();
    }

    @Test
    void index_ofDockerImagesOnly_isADockerManifestList(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        AssembledIndex index = AssembledIndex.of(List.of(
                new AssembledIndex.PlatformImage(AMD64, image(layer, MediaTypes.DOCKER_MANIFEST, "amd64")),
                new AssembledIndex.PlatformImage(ARM64, image(layer, MediaTypes.DOCKER_MANIFEST, "arm64"))));
        assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(index.index().manifests()).allSatisfy(d -> assertThat(d.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST));
    }

    @Test
    void index_ofMixedFamilies_isOciThroughout_dockerImagesRenamed_blobsUnchanged(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        AssembledImage docker = image(layer, MediaTypes.DOCKER_MANIFEST, "amd64");
        AssembledIndex index = AssembledIndex.of(List.of(new AssembledIndex.PlatformImage(AMD64, docker),
                new AssembledIndex.PlatformImage(ARM64, image(layer, MediaTypes.OCI_MANIFEST, "arm64"))));

        assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        ImageManifest renamed = index.images().get(0).image().manifest();
        assertThat(renamed.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(renamed.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(renamed.config().digest()).isEqualTo(docker.manifest().config().digest());
        assertThat(renamed.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER_GZIP);
        assertThat(renamed.layers()).extracting(Descriptor::digest).isEqualTo(docker.manifest().layers().stream().map(Descriptor::digest).toList());
        assertThat(index.images().get(0).image().layers()).extracting(b -> b.descriptor().mediaType()).containsOnly(MediaTypes.OCI_LAYER_GZIP);
    }

    @Test
    void index_ofOneImage_isRefused(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        assertThatThrownBy(() -> AssembledIndex.of(List.of(new AssembledIndex.PlatformImage(AMD64, image(layer, MediaTypes.OCI_MANIFEST, "amd64")))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
