package io.github.ecrtoolkit.core.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;

/**
 * A typed, immutable progress event of a build and push. Delivered to a {@link ProgressListener}.
 *
 * <p>A daemonless build first announces its layers ({@link LayersPlanned}), then reports each new
 * layer's writing ({@link LayerWriteProgress}, {@link LayerWritten}) and every blob's push
 * ({@link LayerStarted} … {@link LayerPushed}, or {@link LayerSkipped}, {@link LayerMounted}).
 */
public sealed interface ProgressEvent {

    /** A step of the build, e.g. {@code "COPY app /app"} or a line of Docker Engine build output. */
    record BuildStep(String message) implements ProgressEvent {
    }

    /**
     * The image's layers, in order, before any is written: the base image's layers first, then one
     * per instruction (or programmatic layer) that adds files. Their sizes are known from the walk
     * of the build context, so a renderer knows the total up front.
     */
    record LayersPlanned(List<PlannedLayer> layers) implements ProgressEvent {
        public LayersPlanned {
            layers = List.copyOf(layers);
        }

        /** The sum of the layers' sizes. */
        public long totalBytes() {
            return layers.stream().mapToLong(PlannedLayer::size).sum();
        }
    }

    /**
     * One layer of a {@link LayersPlanned}.
     *
     * @param index  its place in the plan, from 0; {@link LayerWriteProgress} and {@link LayerWritten} name it
     * @param label  the Dockerfile instruction ({@code COPY app.jar /app/}), the layer's name given in
     *               code, or {@code FROM <image> layer 2/3} for a base layer
     * @param size   bytes of file content for a new layer (before compression); the blob's size for a base layer
     * @param digest the blob's digest when known up front (base layers); a new layer's comes with {@link LayerWritten}
     */
    record PlannedLayer(int index, String label, long size, Optional<Digest> digest) {
        public PlannedLayer {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(digest, "digest");
        }

        /** Whether it comes from the base image (pushed, mounted or found present; never written). */
        public boolean isBase() {
            return digest.isPresent();
        }
    }

    /** Bytes of a new layer's content written into its (compressing) blob so far; throttled. */
    record LayerWriteProgress(int index, long bytesWritten, long size) implements ProgressEvent {
    }

    /**
     * A new layer's blob is ready: written now, or taken unchanged from the layer cache.
     *
     * @param size bytes of the compressed blob
     */
    record LayerWritten(int index, Digest digest, long size, boolean fromCache) implements ProgressEvent {
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
