package io.github.ecrtoolkit.core.build.internal;

import java.nio.file.Path;
import java.util.Objects;

import io.github.ecrtoolkit.core.image.Digest;

/**
 * A layer this build made: a compressed blob on disk and what the config needs about it.
 *
 * @param file      the gzip-compressed tar
 * @param digest    digest of {@code file}
 * @param diffId    digest of the uncompressed tar
 * @param size      bytes of {@code file}
 * @param createdBy the history line, e.g. {@code COPY app /app}
 */
public record NewLayer(Path file, Digest digest, Digest diffId, long size, String createdBy) {

    public NewLayer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
