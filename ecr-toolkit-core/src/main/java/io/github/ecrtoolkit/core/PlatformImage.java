package io.github.ecrtoolkit.core;

import java.util.Objects;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * One platform's image in a multi-platform push: the manifest an image index points at for that platform.
 *
 * <pre>{@code
 * PushResult r = registry.build(dir).platforms("linux/amd64", "linux/arm64").tag("orders:1.5.0").push();
 * r.platformImages().forEach(p -> log.info("{} {}", p.platform(), p.digest()));
 * }</pre>
 *
 * @param platform  the platform, as the index entry names it (e.g. {@code linux/arm64/v8} when the base says {@code v8})
 * @param digest    digest of that platform's manifest
 * @param mediaType its manifest media type, OCI or Docker v2.2 (the same for every platform of one index)
 */
public record PlatformImage(Platform platform, Digest digest, String mediaType) {

    public PlatformImage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
