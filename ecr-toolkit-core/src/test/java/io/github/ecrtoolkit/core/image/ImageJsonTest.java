package io.github.ecrtoolkit.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImageJsonTest {

    private static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    @Test
    void write_manifest_isCompactOrderedAndAlwaysCarriesMediaType() {
        ImageManifest manifest = new ImageManifest(MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG, A, 10),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, B, 20)));
        String json = new String(ImageJson.write(manifest), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A + "\",\"size\":10},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + B + "\",\"size\":20}]}");
        assertThat(ImageJson.write(manifest)).isEqualTo(ImageJson.write(ImageJson.readManifest(ImageJson.write(manifest), "x")));
    }

    @Test
    void readIndex_picksThePlatform_exactVariantFirst() {
        Descriptor amd = new Descriptor(MediaTypes.OCI_MANIFEST, A, 1, Optional.of(Platform.parse("linux/amd64")), Map.of());
        Descriptor arm = new Descriptor(MediaTypes.OCI_MANIFEST, B, 1, Optional.of(Platform.parse("linux/arm64/v8")), Map.of());
        ImageIndex index = ImageJson.readIndex(ImageJson.write(new ImageIndex(MediaTypes.OCI_INDEX, List.of(amd, arm))), MediaTypes.OCI_INDEX);
        assertThat(index.manifestFor(Platform.DEFAULT)).contains(amd);
        assertThat(index.manifestFor(Platform.parse("linux/arm64"))).contains(arm);
        assertThat(index.manifestFor(Platform.parse("linux/s390x"))).isEmpty();
    }

    @Test
    void readManifest_withoutMediaTypeInJson_takesTheContentType() {
        byte[] docker = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\",\"digest\":\"" + A
                + "\",\"size\":1},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThat(ImageJson.readManifest(docker, MediaTypes.DOCKER_MANIFEST).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    }

    @Test
    void digest_ofBytes_isSha256() {
        assertThat(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
