package io.github.ecrtoolkit.core.event;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;

/**
 * A typed, immutable progress event of a build and push. Delivered to a {@link ProgressListener}.
 */
public sealed interface ProgressEvent {

    /** A step of the build, e.g. {@code "COPY app /app"} or a line of Docker Engine build output. */
    record BuildStep(String message) implements ProgressEvent {
    }

    /** A blob upload (or copy from another registry) begins. */
    record LayerStarted(Digest digest, long size) implements ProgressEvent {
    }

    /** Bytes of a blob sent so far; throttled. */
    record LayerProgress(Digest digest, long bytesSent, long size) implements ProgressEvent {
    }

    /** The target already had the blob: nothing sent. */
    record LayerSkipped(Digest digest, long size) implements ProgressEvent {
    }

    /** The blob was mounted from another repository of the same registry. */
    record LayerMounted(Digest digest, long size, String fromRepository) implements ProgressEvent {
    }

    /** The blob is stored in the target. */
    record LayerPushed(Digest digest, long size, long bytesSent) implements ProgressEvent {
    }

    /**
     * A layer's blob in the layer cache did not match its digest while it was uploaded: the upload
     * stopped before anything was stored, the cache entry was replaced by the layer written again,
     * and that is pushed instead.
     *
     * @param detail what was found, e.g. the file and the digest its bytes have
     */
    record LayerCacheRepaired(Digest digest, String detail) implements ProgressEvent {
    }

    /**
     * A request failed in a way that may pass (throttled, a server error, a broken connection, a
     * wait that ran out) and is tried again after {@code delay}: what the push is waiting for.
     *
     * @param reason   what failed, naming the registry and the request
     * @param attempt  the attempt about to be made, from 2
     * @param attempts attempts in all ({@code Registry.builder().retries(..)})
     */
    record Retrying(String reason, int attempt, int attempts, java.time.Duration delay) implements ProgressEvent {
    }

    /** A tag now points at the manifest. */
    record ManifestPushed(ImageReference reference, Digest digest, String mediaType) implements ProgressEvent {
    }
}
