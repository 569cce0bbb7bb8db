package io.github.ecrtoolkit.core;

import java.util.Objects;

import io.github.ecrtoolkit.core.image.Digest;

/**
 * What a push did with one layer.
 *
 * @param digest    the compressed layer's digest
 * @param size      its size in bytes
 * @param status    pushed, already present or mounted
 * @param bytesSent bytes this push uploaded for it (0 unless {@link LayerPushStatus#PUSHED})
 */
public record LayerPushResult(Digest digest, long size, LayerPushStatus status, long bytesSent) {

    public LayerPushResult {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(status, "status");
    }
}
