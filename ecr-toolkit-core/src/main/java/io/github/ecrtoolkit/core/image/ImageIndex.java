package io.github.ecrtoolkit.core.image;

import java.util.List;
import java.util.Optional;

/**
 * An OCI image index or Docker manifest list: one manifest per platform.
 *
 * @param mediaType index or list type
 * @param manifests one descriptor per platform
 */
public record ImageIndex(String mediaType, List<Descriptor> manifests) {

    public ImageIndex {
        manifests = List.copyOf(manifests);
    }

    /** The manifest for {@code platform}: an exact variant match first, then one without variant. */
    public Optional<Descriptor> manifestFor(Platform platform) {
        return manifests.stream().filter(d -> d.platform().map(p -> p.equals(platform)).orElse(false)).findFirst()
                .or(() -> manifests.stream().filter(d -> d.platform().map(platform::matches).orElse(false)).findFirst());
    }
}
