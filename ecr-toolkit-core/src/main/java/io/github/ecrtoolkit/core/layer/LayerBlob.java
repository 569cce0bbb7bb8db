package io.github.ecrtoolkit.core.layer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A compressed layer written to disk by {@link LayerBlobWriter}: what a manifest's layer
 * descriptor and the config's {@code rootfs.diff_ids} need.
 *
 * @param file             the compressed blob
 * @param digest           {@code sha256:<hex>} of the compressed bytes (the manifest's digest)
 * @param diffId           {@code sha256:<hex>} of the uncompressed tar (the config's diff id)
 * @param size             bytes of the compressed blob
 * @param uncompressedSize bytes of the tar
 * @param mediaType        e.g. {@value #GZIP_MEDIA_TYPE}
 */
public record LayerBlob(Path file, String digest, String diffId, long size, long uncompressedSize, String mediaType) {

    /** OCI media type of a gzip-compressed layer. */
    public static final String GZIP_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    public LayerBlob {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
