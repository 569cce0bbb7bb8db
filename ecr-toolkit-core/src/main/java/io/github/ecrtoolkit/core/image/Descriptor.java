package io.github.ecrtoolkit.core.image;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Points at content by digest: a config, a layer, or (in an index) a manifest for a platform.
 *
 * @param mediaType   media type of the content
 * @param digest      its digest
 * @param size        its size in bytes
 * @param platform    in an index: the platform the manifest serves
 * @param annotations OCI annotations, often empty
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform, Map<String, String> annotations) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        platform = platform == null ? Optional.empty() : platform;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Optional.empty(), Map.of());
    }
}
