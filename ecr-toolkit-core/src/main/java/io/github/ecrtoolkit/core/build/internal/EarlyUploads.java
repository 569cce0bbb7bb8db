package io.github.ecrtoolkit.core.build.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.ecrtoolkit.core.LayerPushResult;
import io.github.ecrtoolkit.core.cache.CachedLayer;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;

/**
 * Starts a layer's upload (HEAD, then upload if missing) as soon as that layer is written, while
 * other layers are still being compressed; {@link ImagePusher} then waits for these uploads instead
 * of starting its own. Only blobs: the manifest still goes up after every blob is confirmed.
 * Thread-safe; closing it cancels uploads nobody took over.
 */
public final class EarlyUploads implements AutoCloseable {

    private final RegistryClient target;
    private final String repository;
    private final ProgressListener listener;
    private final ExecutorService pool;
    private final Map<Digest, Future<LayerPushResult>> started = new ConcurrentHashMap<>();

    public EarlyUploads(RegistryClient target, String repository, ProgressListener listener) {
        this.target = target;
        this.repository = repository;
        this.listener = listener;
        this.pool = Executors.newFixedThreadPool(ImagePusher.PARALLEL_BLOBS, r -> {
            Thread t = new Thread(r, "ecr-toolkit-early-push");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts uploading {@code layer} unless it is already on its way. */
    public void start(CachedLayer layer) {
        Digest digest = Digest.parse(layer.digest());
        Descriptor descriptor = Descriptor.of(layer.mediaType(), digest, layer.size());
        started.computeIfAbsent(digest, d -> pool.submit(() -> ImagePusher.pushBlob(
                BlobToPush.local(descriptor, BlobSource.of(layer.blob())), target, repository, listener)));
    }

    /** Uploads started so far, by digest. */
    public Map<Digest, Future<LayerPushResult>> started() {
        return Map.copyOf(started);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
