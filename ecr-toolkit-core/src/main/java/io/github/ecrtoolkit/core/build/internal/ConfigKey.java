package io.github.ecrtoolkit.core.build.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.image.MediaTypes;

/**
 * The key of a scratch image's config in the layer cache: a SHA-256 of everything the config is
 * made from. Both daemonless paths (a Dockerfile, an image set in code) keep their scratch configs
 * this way, so a push of unchanged layers loads no JSON library at all. Unambiguous: every value is
 * length-prefixed, and a missing value differs from an empty one.
 */
final class ConfigKey {

    private final MessageDigest sha;

    /** A key for configs of {@code kind} (a version string: change it when the config's making changes). */
    ConfigKey(String kind) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        add(kind);
    }

    ConfigKey add(int n) {
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        return this;
    }

    ConfigKey add(String s) {
        if (s == null) {
            return add(-1);
        }
        return add(s.getBytes(StandardCharsets.UTF_8));
    }

    ConfigKey add(byte[] bytes) {
        add(bytes.length);
        sha.update(bytes);
        return this;
    }

    ConfigKey addAll(List<String> values) {
        if (values == null) {
            return add(-1);
        }
        add(values.size());
        values.forEach(this::add);
        return this;
    }

    ConfigKey addAll(Map<String, String> values) {
        add(values.size());
        values.forEach((k, v) -> add(k).add(v));
        return this;
    }

    /** The new layers, as the config's {@code rootfs} and the manifest name them. */
    ConfigKey addLayers(List<NewLayer> layers) {
        add(layers.size());
        for (NewLayer layer : layers) {
            add(layer.diffId().toString()).add(layer.digest().toString()).add(layer.mediaType()).add(Long.toString(layer.size()));
        }
        return this;
    }

    ConfigKey addHistory(List<ImageAssembler.History> history) {
        add(history.size());
        for (ImageAssembler.History step : history) {
            add(step.createdBy()).add(step.emptyLayer() ? "empty" : "layer");
        }
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The scratch image of {@code layers}: its config from {@code cache} under this key when kept
     * there, else assembled by {@code assemble} (with a JSON library) and kept.
     */
    AssembledImage scratchImage(Optional<LayerCache> cache, List<NewLayer> layers, Supplier<AssembledImage> assemble) {
        if (cache.isEmpty()) {
            return assemble.get();
        }
        String key = hex();
        Optional<byte[]> kept = cache.get().config(key);
        if (kept.isPresent()) {
            return AssembledImage.of(MediaTypes.OCI_MANIFEST, List.of(), layers, kept.get());
        }
        AssembledImage image = assemble.get();
        cache.get().putConfig(key, image.configBytes());
        return image;
    }
}
