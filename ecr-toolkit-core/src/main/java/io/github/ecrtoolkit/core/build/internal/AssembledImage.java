package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * An image ready to write anywhere: its layers (base first), its config bytes and its manifest bytes.
 *
 * @param layers      every layer blob, in manifest order
 * @param configBytes exact bytes of the config
 * @param manifest    the manifest model
 */
@InternalApi
public record AssembledImage(List<BlobToPush> layers, byte[] configBytes, ImageManifest manifest) {

    public AssembledImage {
        layers = List.copyOf(layers);
    }

    /**
     * The image of {@code baseBlobs} then {@code layers} under a {@code manifestType} manifest, with
     * the config's exact bytes. Touches no JSON library: a config from the layer cache goes through
     * here alone.
     */
    public static AssembledImage of(String manifestType, List<BlobToPush> baseBlobs, List<NewLayer> layers, byte[] configBytes) {
        String layerType = MediaTypes.layerTypeFor(manifestType);
        List<BlobToPush> blobs = new ArrayList<>(baseBlobs);
        List<Descriptor> descriptors = new ArrayList<>();
        for (BlobToPush blob : baseBlobs) {
            descriptors.add(blob.descriptor());
        }
        for (NewLayer layer : layers) {
            Descriptor d = Descriptor.of(layer.isZstd() ? layer.mediaType() : layerType, layer.digest(), layer.size());
            descriptors.add(d);
            blobs.add(BlobToPush.local(d, BlobSource.of(layer.file())));
        }
        Descriptor config = Descriptor.of(MediaTypes.configTypeFor(manifestType), Digest.sha256(configBytes), configBytes.length);
        return new AssembledImage(blobs, configBytes, new ImageManifest(manifestType, config, descriptors));
    }

    /**
     * The same image under OCI media types: a Docker-typed image that shares an index with OCI ones
     * (an index never mixes the two families). Blobs and config bytes are unchanged.
     */
    public AssembledImage asOci() {
        if (!MediaTypes.isDocker(manifest.mediaType())) {
            return this;
        }
        List<Descriptor> layerDescriptors = manifest.layers().stream().map(AssembledImage::asOci).toList();
        List<BlobToPush> blobs = new ArrayList<>();
        for (BlobToPush blob : layers) {
            blobs.add(new BlobToPush(asOci(blob.descriptor()), blob.local(), blob.sourceClient(), blob.sourceRepository(), blob.rewrite()));
        }
        return new AssembledImage(blobs, configBytes,
                new ImageManifest(MediaTypes.OCI_MANIFEST, asOci(manifest.config()), layerDescriptors));
    }

    private static Descriptor asOci(Descriptor d) {
        return new Descriptor(MediaTypes.toOci(d.mediaType()), d.digest(), d.size(), d.platform(), d.annotations());
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
