package io.github.ecrtoolkit.core.cache.internal;

import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.LayerCacheException;
import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.core.layer.compress.CompressionPool;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a build writes its layers: the compression, and the cache (none means a throwaway one in the
 * build's temporary folder). Immutable.
 *
 * @param compression  gzip (default) or zstd
 * @param cache        where unchanged layers are found again; empty for none
 * @param onLayerReady told of each layer as soon as it is written (e.g. to start its upload), with how to
 *                     write it again; must not block
 * @param jsonAfterWrite whether the image's config will be made with the JSON library once a layer had
 *                     to be written (then it is loaded alongside the writing); false for an image
 *                     whose config needs none
 * @param executor     runs each layer's writing (it waits on the compression pool, which deflates);
 *                     empty for threads of the writing's own
 */
public record LayerSettings(Compression compression, Optional<LayerCache> cache, Consumer<WrittenLayer> onLayerReady,
                            boolean jsonAfterWrite, Optional<Executor> executor) {

    /** Looked up on first log line: the logging back end starts (a service lookup) off the push's critical path. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(LayerSettings.class);
    }

    public LayerSettings {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(onLayerReady, "onLayerReady");
        Objects.requireNonNull(executor, "executor");
    }

    public LayerSettings(Compression compression, Optional<LayerCache> cache) {
        this(compression, cache, layer -> { }, true, Optional.empty());
    }

    /** The same settings, telling {@code listener} of each layer once written. */
    public LayerSettings withOnLayerReady(Consumer<WrittenLayer> listener) {
        return new LayerSettings(compression, cache, listener, jsonAfterWrite, executor);
    }

    /** The same settings, for an image whose config needs no JSON library. */
    public LayerSettings withoutJson() {
        return new LayerSettings(compression, cache, onLayerReady, false, executor);
    }

    /** The same settings, writing layers on {@code value} (a push's one executor), which is not shut down by us. */
    public LayerSettings withExecutor(Executor value) {
        return new LayerSettings(compression, cache, onLayerReady, jsonAfterWrite, Optional.of(value));
    }

    /** gzip level 1 and the cache at its default location; no cache if that folder cannot be made. */
    public static LayerSettings defaults() {
        return new LayerSettings(Compression.gzip(), defaultCache());
    }

    /** The default cache, or none (with a warning) when its folder cannot be created. */
    public static Optional<LayerCache> defaultCache() {
        try {
            return Optional.of(LayerCache.atDefaultLocation());
        } catch (LayerCacheException e) {
            Log.LOG.warn("Building without a layer cache: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** One compression pool per process: its daemon threads idle out when no build runs. */
    public static CompressionPool sharedPool() {
        return SharedPool.POOL;
    }

    private static final class SharedPool {
        static final CompressionPool POOL = CompressionPool.create();
    }
}
