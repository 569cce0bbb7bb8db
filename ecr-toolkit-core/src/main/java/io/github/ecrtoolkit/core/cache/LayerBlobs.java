package io.github.ecrtoolkit.core.cache;

import io.github.ecrtoolkit.core.internal.Futures;
import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.core.layer.compress.CompressionPool;
import io.github.ecrtoolkit.core.layer.internal.HashingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Turns layer tarballs into cached, compressed blobs in one streaming pass per layer (tar, diff id
 * hash, compression, blob digest, cache file), several layers at once: at most one layer per
 * compression thread is written at a time, and their deflate blocks share the pool, so one big
 * layer alone still uses every core. A layer whose {@link LayerKey} is cached is not written.
 * Thread-safe; closing it stops its threads (not the pool's or the cache's).
 *
 * <pre>{@code
 * try (CompressionPool pool = CompressionPool.create();
 *      LayerBlobs blobs = LayerBlobs.create(LayerCache.atDefaultLocation(), Compression.gzip(), pool)) {
 *     CompletableFuture<CachedLayer> layer = blobs.submit(key, tarOut -> writeTar(tarOut));
 *     layer.thenAccept(upload);   // upload starts while other layers still compress
 * }
 * }</pre>
 */
public final class LayerBlobs implements AutoCloseable {

    private final LayerCache cache;
    private final Compression compression;
    private final CompressionPool pool;
    private final Executor layers;
    private final Runnable closeLayers;

    private LayerBlobs(LayerCache cache, Compression compression, CompressionPool pool, Executor given) {
        this.cache = cache;
        this.compression = compression;
        this.pool = pool;
        if (given != null) {
            this.layers = given;
            this.closeLayers = () -> { };
        } else {
            AtomicInteger n = new AtomicInteger();
            ExecutorService own = Executors.newFixedThreadPool(pool.threads(), r -> {
                Thread t = new Thread(r, "ecr-toolkit-layer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.layers = own;
            this.closeLayers = own::shutdownNow;
        }
    }

    /** Layers written on threads of its own (one per core), stopped when closed. */
    public static LayerBlobs create(LayerCache cache, Compression compression, CompressionPool pool) {
        return new LayerBlobs(Objects.requireNonNull(cache, "cache"), Objects.requireNonNull(compression, "compression"),
                Objects.requireNonNull(pool, "pool"), null);
    }

    /**
     * Layers written on {@code layers} (for instance a push's one executor; not shut down by us). A
     * layer's task waits for the compression pool, never for another task of {@code layers}.
     */
    public static LayerBlobs create(LayerCache cache, Compression compression, CompressionPool pool, Executor layers) {
        return new LayerBlobs(Objects.requireNonNull(cache, "cache"), Objects.requireNonNull(compression, "compression"),
                Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(layers, "layers"));
    }

    /** The compression used for every layer. */
    public Compression compression() {
        return compression;
    }

    /**
     * Writes the layer in the background unless cached; the future fails with the writer's
     * {@link io.github.ecrtoolkit.core.EcrToolkitException} or a {@link LayerCacheException}.
     */
    public CompletableFuture<CachedLayer> submit(LayerKey key, TarWriter tar) {
        Objects.requireNonNull(key, "key");
        return submit(() -> key, tar);
    }

    /**
     * {@link #submit(LayerKey, TarWriter)} with the key computed in the layer's task too: the keys of
     * several layers (a hash over every entry) are then computed at once.
     */
    public CompletableFuture<CachedLayer> submit(Supplier<LayerKey> key, TarWriter tar) {
        Objects.requireNonNull(key, "key");
        return CompletableFuture.supplyAsync(() -> write(key.get(), tar), layers);
    }

    /**
     * Writes the layer now, in this thread (deflate blocks still go to the pool), unless cached.
     *
     * @throws LayerCacheException if the cache fails or the tar writer throws an {@link IOException}
     */
    public CachedLayer write(LayerKey key, TarWriter tar) {
        LayerKey full = key.with("compression", compression.cacheKey());
        return cache.computeIfAbsent(full, compression.ociMediaType(), blobWriter(tar));
    }

    /**
     * Writes the layer again in this thread, replacing a cached blob that does not match its digest
     * (see {@link LayerCache#rewrite}).
     *
     * @throws LayerCacheException if the cache fails or the tar writer throws an {@link IOException}
     */
    public CachedLayer rewrite(LayerKey key, TarWriter tar) {
        LayerKey full = key.with("compression", compression.cacheKey());
        return cache.rewrite(full, compression.ociMediaType(), blobWriter(tar));
    }

    private LayerCache.BlobWriter blobWriter(TarWriter tar) {
        return blobOut -> {
            HashingOutputStream tarOut;
            try (OutputStream compressed = compression.compress(blobOut, pool)) {
                // the diff id: SHA-256 of the tar on its way into the compressor; a tar writer that
                // closes its stream must not close the compressor, which this try block closes once
                tarOut = new HashingOutputStream(compressed);
                tar.writeTar(new NonClosingOutputStream(tarOut));
                tarOut.flush();
            }
            return tarOut.digest();
        };
    }

    /**
     * Waits for {@code future}, unwrapping the library exception it failed with; an {@link Error}
     * (such as {@link OutOfMemoryError}) is thrown as itself.
     */
    public static CachedLayer join(CompletableFuture<CachedLayer> future) {
        return Futures.join(future);
    }

    @Override
    public void close() {
        closeLayers.run();
    }

    /** Writes one layer's uncompressed tar; must not close the stream it is given. */
    @FunctionalInterface
    public interface TarWriter {
        /**
         * @throws IOException if an input cannot be read
         */
        void writeTar(OutputStream tarOut) throws IOException;
    }
}
