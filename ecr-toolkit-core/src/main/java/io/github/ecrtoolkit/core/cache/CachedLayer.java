package io.github.ecrtoolkit.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A compressed layer blob kept in a {@link LayerCache}, with what a manifest and config need.
 *
 * @param digest    {@code sha256:<hex>} of the compressed blob
 * @param diffId    {@code sha256:<hex>} of the uncompressed tar
 * @param size      the compressed blob's size in bytes
 * @param mediaType the layer media type, e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param blob      the blob file; read it, never change it
 */
public record CachedLayer(String digest, String diffId, long size, String mediaType, Path blob) {

    public CachedLayer {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(blob, "blob");
    }

    /**
     * Opens the blob for reading (for an upload, say).
     *
     * @throws IOException if it was removed meanwhile
     */
    public InputStream open() throws IOException {
        return Files.newInputStream(blob);
    }
}
