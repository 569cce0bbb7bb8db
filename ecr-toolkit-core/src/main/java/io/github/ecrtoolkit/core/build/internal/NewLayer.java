package io.github.ecrtoolkit.core.build.internal;

import java.nio.file.Path;
import java.util.Objects;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.MediaTypes;

/**
 * A layer this build made: a compressed blob on disk and what the config needs about it.
 *
 * @param file      the gzip-compressed tar
 * @param digest    digest of {@code file}
 * @param diffId    digest of the uncompressed tar
 * @param size      bytes of {@code file}
 * @param createdBy the history line, e.g. {@code COPY app /app}
 * @param mediaType the OCI layer media type ({@code …tar+gzip} or {@code …tar+zstd})
 */
public record NewLayer(Path file, Digest digest, Digest diffId, long size, String createdBy, String mediaType) {

    public NewLayer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** A gzip layer. */
    public NewLayer(Path file, Digest digest, Digest diffId, long size, String createdBy) {
        this(file, digest, diffId, size, createdBy, MediaTypes.OCI_LAYER_GZIP);
    }

    /** Whether it is zstd-compressed, which only OCI manifests can describe. */
    public boolean isZstd() {
        return mediaType.endsWith("+zstd");
    }
}
