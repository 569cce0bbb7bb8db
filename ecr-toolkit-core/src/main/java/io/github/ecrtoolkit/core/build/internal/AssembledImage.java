package io.github.ecrtoolkit.core.build.internal;

import java.util.List;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;

/**
 * An image ready to write anywhere: its layers (base first), its config bytes and its manifest bytes.
 *
 * @param layers      every layer blob, in manifest order
 * @param configBytes exact bytes of the config
 * @param manifest    the manifest model
 */
public record AssembledImage(List<BlobToPush> layers, byte[] configBytes, ImageManifest manifest) {

    public AssembledImage {
        layers = List.copyOf(layers);
    }

    public byte[] manifestBytes() {
        return ImageJson.write(manifest);
    }

    public Digest digest() {
        return Digest.sha256(manifestBytes());
    }

    public Descriptor configDescriptor() {
        return manifest.config();
    }
}
