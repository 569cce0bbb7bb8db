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
    void write_manifest_givesTheSameBytesAsTheJacksonMapper_evenForEscapedAndUnicodeStrings() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        String tricky = every + "é€😀\u2028\"\\/";
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        annotations.put("z.key", tricky);
        annotations.put("a.key", "plain");
        annotations.put(tricky, "");
        Descriptor withAll = new Descriptor(tricky, B, Long.MAX_VALUE, Optional.of(Platform.parse("linux/arm64/v8")), annotations);
        Descriptor noVariant = new Descriptor(MediaTypes.OCI_LAYER_GZIP, A, 0, Optional.of(Platform.parse("linux/amd64")), Map.of());
        for (ImageManifest manifest : List.of(
                new ImageManifest(MediaTypes.DOCKER_MANIFEST, Descriptor.of(MediaTypes.DOCKER_CONFIG, A, 10), List.of()),
                new ImageManifest(tricky, withAll, List.of(withAll, noVariant, Descriptor.of("", A, 1))))) {
            assertThat(new String(ImageJson.write(manifest), StandardCharsets.UTF_8))
                    .isEqualTo(new String(jacksonBytes(manifest), StandardCharsets.UTF_8));
            assertThat(ImageJson.write(manifest)).isEqualTo(jacksonBytes(manifest));
        }
    }

    @Test
    void write_index_givesTheSameBytesAsTheJacksonMapper() {
        Descriptor arm = new Descriptor(MediaTypes.OCI_MANIFEST, B, 7, Optional.of(Platform.parse("linux/arm64/v8")), Map.of("b", "2", "a", "1"));
        Descriptor amd = new Descriptor(MediaTypes.OCI_MANIFEST, A, 8, Optional.of(Platform.parse("linux/amd64")), Map.of());
        for (ImageIndex index : List.of(new ImageIndex(MediaTypes.OCI_INDEX, List.of(amd, arm)),
                new ImageIndex(MediaTypes.DOCKER_MANIFEST_LIST, List.of(amd)), new ImageIndex(MediaTypes.OCI_INDEX, List.of()))) {
            com.fasterxml.jackson.databind.node.ObjectNode root = ImageJson.mapper().createObjectNode();
            root.put("schemaVersion", 2);
            root.put("mediaType", index.mediaType());
            com.fasterxml.jackson.databind.node.ArrayNode manifests = root.putArray("manifests");
            index.manifests().forEach(m -> manifests.add(jacksonDescriptor(m)));
            assertThat(new String(ImageJson.write(index), StandardCharsets.UTF_8))
                    .isEqualTo(new String(ImageJson.bytes(root), StandardCharsets.UTF_8));
            assertThat(ImageJson.readIndex(ImageJson.write(index), "x")).isEqualTo(index);
        }
    }

    /** How the manifest was written before the mapper-free writer: the digests must not change. */
    private static byte[] jacksonBytes(ImageManifest manifest) {
        com.fasterxml.jackson.databind.node.ObjectNode root = ImageJson.mapper().createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", manifest.mediaType());
        root.set("config", jacksonDescriptor(manifest.config()));
        com.fasterxml.jackson.databind.node.ArrayNode layers = root.putArray("layers");
        manifest.layers().forEach(l -> layers.add(jacksonDescriptor(l)));
        return ImageJson.bytes(root);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode jacksonDescriptor(Descriptor d) {
        com.fasterxml.jackson.databind.node.ObjectNode node = ImageJson.mapper().createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        d.platform().ifPresent(p -> {
            com.fasterxml.jackson.databind.node.ObjectNode platform = node.putObject("platform");
            platform.put("architecture", p.architecture());
            platform.put("os", p.os());
            p.variant().ifPresent(v -> platform.put("variant", v));
        });
        if (!d.annotations().isEmpty()) {
            com.fasterxml.jackson.databind.node.ObjectNode a = node.putObject("annotations");
            new java.util.TreeMap<>(d.annotations()).forEach(a::put);
        }
        return node;
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
