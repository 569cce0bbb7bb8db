package io.github.ecrtoolkit.core;

import java.util.List;
import java.util.Objects;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;

/**
 * The immutable result of a push: the manifest digest, every tag pushed, and what happened to each layer.
 *
 * <pre>{@code
 * PushResult r = registry.build(Path.of("app")).tag("orders:1.4.2").push();
 * String pinned = r.imageUri();            // host/orders:1.4.2@sha256:…
 * r.layers().forEach(l -> log.info("{} {}", l.digest(), l.status()));
 * }</pre>
 *
 * <p>A multi-platform push ({@link ImageBuild#platforms(String...)}) pushes an image index: then
 * {@link #digest()} is the index's, {@link #manifestMediaType()} the index's media type, and
 * {@link #platformImages()} names each platform's manifest.
 *
 * @param digest            digest of the manifest (or image index) pushed
 * @param references        every tag pushed, in the order given, each pinned to {@code digest}
 * @param layers            per layer, in manifest order; a layer that several platforms share appears once
 * @param manifestMediaType OCI or Docker v2.2 manifest media type, or the index / manifest list type
 * @param platformImages    per platform, in the index's order; empty when a single manifest was pushed
 */
public record PushResult(Digest digest, List<ImageReference> references, List<LayerPushResult> layers, String manifestMediaType,
                         List<PlatformImage> platformImages) {

    public PushResult {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifestMediaType, "manifestMediaType");
        references = List.copyOf(references);
        layers = List.copyOf(layers);
        platformImages = platformImages == null ? List.of() : List.copyOf(platformImages);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a push result names at least one reference");
        }
    }

    /** The result of a single-manifest push. */
    public PushResult(Digest digest, List<ImageReference> references, List<LayerPushResult> layers, String manifestMediaType) {
        this(digest, references, layers, manifestMediaType, List.of());
    }

    /** Whether an image index (several platforms) was pushed. */
    public boolean isIndex() {
        return !platformImages.isEmpty();
    }

    /** The first tag, pinned: {@code host/repo:tag@sha256:…}; what to deploy. */
    public String imageUri() {
        return imageUris().get(0);
    }

    /** Every tag pushed, pinned to the digest. */
    public List<String> imageUris() {
        return references.stream().map(r -> r.withDigest(digest).toString()).toList();
    }

    /** The first reference (with its tag, without digest). */
    public ImageReference reference() {
        return references.get(0);
    }

    /** Bytes uploaded by this push, layers only. */
    public long bytesSent() {
        return layers.stream().mapToLong(LayerPushResult::bytesSent).sum();
    }
}
