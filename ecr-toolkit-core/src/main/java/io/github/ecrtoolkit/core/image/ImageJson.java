package io.github.ecrtoolkit.core.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * Reads and writes manifests, indexes and configs. Writing is byte-stable: fields in a fixed order,
 * no whitespace, so the same model always gives the same bytes and the same digest.
 *
 * <pre>{@code
 * byte[] bytes = ImageJson.write(manifest);
 * Digest digest = Digest.sha256(bytes);
 * }</pre>
 */
public final class ImageJson {

    /**
     * Created on first use, not when this class loads. Why: the mapper loads about 400 classes
     * (0.16 s of CPU), and a push whose config comes from the layer cache needs no mapper at all.
     */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    private ImageJson() {
    }

    /** The shared, configured mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /**
     * The manifest's exact bytes. Written without the mapper (the same bytes the mapper gives, see
     * {@code ImageJsonTest}), so that a no-change push never loads it.
     */
    public static byte[] write(ImageManifest manifest) {
        return CompactJson.manifest(manifest);
    }

    /** The index's exact bytes, written without the mapper as a manifest's are (the same bytes it gives). */
    public static byte[] write(ImageIndex index) {
        return CompactJson.index(index);
    }

    /** Any JSON tree as compact bytes, keeping its field order. */
    public static byte[] bytes(JsonNode node) {
        try {
            return Holder.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @param contentType the media type the registry gave, used when the JSON has none (older Docker manifests)
     * @throws EcrToolkitException when the bytes are not a manifest
     */
    public static ImageManifest readManifest(byte[] json, String contentType) {
        JsonNode root = tree(json);
        String mediaType = root.path("mediaType").asText(contentType);
        if (!root.has("config") || !root.path("layers").isArray()) {
            throw new EcrToolkitException("not an image manifest (media type " + mediaType + "); schema 1 manifests are not supported");
        }
        List<Descriptor> layers = new ArrayList<>();
        root.path("layers").forEach(l -> layers.add(readDescriptor(l)));
        return new ImageManifest(mediaType, readDescriptor(root.get("config")), layers);
    }

    /**
     * Parses an index or manifest list.
     *
     * @throws EcrToolkitException when the bytes are not an index
     */
    public static ImageIndex readIndex(byte[] json, String contentType) {
        JsonNode root = tree(json);
        if (!root.path("manifests").isArray()) {
            throw new EcrToolkitException("not an image index: no manifests array");
        }
        List<Descriptor> manifests = new ArrayList<>();
        root.path("manifests").forEach(m -> manifests.add(readDescriptor(m)));
        return new ImageIndex(root.path("mediaType").asText(contentType), manifests);
    }

    /** Parses a config blob into a tree whose field order is kept. */
    public static ObjectNode readConfig(byte[] json) {
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw new EcrToolkitException("image config is not a JSON object");
        }
        return (ObjectNode) root;
    }

    /** The media type written in a manifest or index, if any. */
    public static Optional<String> mediaTypeOf(byte[] json) {
        JsonNode type = tree(json).get("mediaType");
        return type == null ? Optional.empty() : Optional.of(type.asText());
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Holder.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new EcrToolkitException("invalid image JSON: " + e.getMessage(), e);
        }
    }

    private static Descriptor readDescriptor(JsonNode node) {
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.get("platform");
        if (p != null && p.hasNonNull("os") && p.hasNonNull("architecture")) {
            platform = Optional.of(new Platform(p.get("os").asText(), p.get("architecture").asText(),
                    Optional.ofNullable(p.get("variant")).map(JsonNode::asText)));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode given = node.path("annotations");
        given.fieldNames().forEachRemaining(name -> annotations.put(name, given.get(name).asText()));
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(node.path("digest").asText()),
                node.path("size").asLong(), platform, annotations);
    }
}
