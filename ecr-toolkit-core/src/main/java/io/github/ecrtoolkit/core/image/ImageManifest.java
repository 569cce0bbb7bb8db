package io.github.ecrtoolkit.core.image;

import java.util.List;
import java.util.Objects;

/**
 * An image manifest, OCI or Docker v2.2: the config and layers of one platform's image.
 * {@link ImageJson#write(ImageManifest)} gives its exact bytes.
 *
 * @param mediaType OCI or Docker manifest type; always written
 * @param config    the config blob
 * @param layers    the layer blobs, base first
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {

    public ImageManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }
}
