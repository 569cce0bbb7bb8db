package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageIndex;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * A multi-platform image ready to push or write: one image per platform and the index over them.
 * The index is a Docker manifest list when every image is Docker-typed, else an OCI index over OCI
 * images only (a Docker-typed one is renamed, {@link AssembledImage#asOci()}): never a mix. Its
 * bytes depend only on the images and the order of the platforms, so its digest is reproducible.
 *
 * @param images one per platform, in the order asked for
 */
@InternalApi
public record AssembledIndex(List<PlatformImage> images) {

    /**
     * One platform's image.
     *
     * @param platform as the index entry names it
     * @param image    its image
     */
    public record PlatformImage(Platform platform, AssembledImage image) {
    }

    public AssembledIndex {
        images = List.copyOf(images);
        if (images.size() < 2) {
            throw new IllegalArgumentException("an index over " + images.size() + " images: build one image instead");
        }
    }

    /** The index of {@code images}, each image renamed to OCI types unless all are Docker-typed. */
    public static AssembledIndex of(List<PlatformImage> images) {
        boolean allDocker = images.stream().allMatch(p -> MediaTypes.isDocker(p.image().manifest().mediaType()));
        if (allDocker) {
            return new AssembledIndex(images);
        }
        return new AssembledIndex(images.stream().map(p -> new PlatformImage(p.platform(), p.image().asOci())).toList());
    }

    /** The same images under OCI types and an OCI index over them (what an OCI image layout holds). */
    public AssembledIndex asOci() {
        return new AssembledIndex(images.stream().map(p -> new PlatformImage(p.platform(), p.image().asOci())).toList());
    }

    public String mediaType() {
        return MediaTypes.indexTypeFor(images.get(0).image().manifest().mediaType());
    }

    /** The index model: one entry per platform, with its {@code platform} object. */
    public ImageIndex index() {
        List<Descriptor> manifests = new ArrayList<>();
        for (PlatformImage p : images) {
            byte[] manifest = p.image().manifestBytes();
            manifests.add(new Descriptor(p.image().manifest().mediaType(), Digest.sha256(manifest), manifest.length,
                    Optional.of(p.platform()), java.util.Map.of()));
        }
        return new ImageIndex(mediaType(), manifests);
    }

    public byte[] indexBytes() {
        return ImageJson.write(index());
    }

    public Digest digest() {
        return Digest.sha256(indexBytes());
    }

    /** The image of {@code platform}, if built (a platform without variant matches one with). */
    public Optional<PlatformImage> imageFor(Platform platform) {
        return images.stream().filter(p -> p.platform().equals(platform)).findFirst()
                .or(() -> images.stream().filter(p -> p.platform().matches(platform)).findFirst());
    }
}
