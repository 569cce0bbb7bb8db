package io.github.ecrtoolkit.core.build.internal;

import java.io.BufferedOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.ecrtoolkit.core.cache.CachedLayer;
import io.github.ecrtoolkit.core.cache.LayerBlobs;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.LayerKey;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.cache.internal.LayerSpecKeys;
import io.github.ecrtoolkit.core.cache.internal.WrittenLayer;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.core.layer.internal.LayerTarWriter;

/**
 * Writes layer specs to compressed blobs: each in one streaming pass, several at once on the
 * shared compression pool, and not at all when the layer cache already holds an unchanged one.
 */
public final class LayerWriting {

    private static final int BUFFER = 64 * 1024;

    private LayerWriting() {
    }

    /** {@link #write(List, Path, ProgressListener, LayerSettings)} with the default settings. */
    public static List<NewLayer> write(List<LayerSpec> specs, Path dir, ProgressListener listener) {
        return write(specs, dir, listener, LayerSettings.defaults());
    }

    /**
     * Writes every spec, in order; without a cache in {@code settings} the blobs go under {@code dir}.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException (a {@code LayerException} or
     *         {@code LayerCacheException}) when a source cannot be read or a blob cannot be written
     */
    public static List<NewLayer> write(List<LayerSpec> specs, Path dir, ProgressListener listener, LayerSettings settings) {
        LayerCache cache = settings.cache().orElseGet(() -> LayerCache.at(dir.resolve("layers")));
        Instant mtime = created();
        try (LayerBlobs blobs = settings.executor()
                .map(executor -> LayerBlobs.create(cache, settings.compression(), LayerSettings.sharedPool(), executor))
                .orElseGet(() -> LayerBlobs.create(cache, settings.compression(), LayerSettings.sharedPool()))) {
            List<CompletableFuture<CachedLayer>> futures = new ArrayList<>();
            for (LayerSpec spec : specs) {
                LayerKey key = LayerSpecKeys.of(spec, mtime);
                LayerBlobs.TarWriter tar = tarOut -> {
                    if (settings.jsonAfterWrite()) {
                        preloadJson(settings);
                    }
                    listener.onEvent(new ProgressEvent.BuildStep(spec.description()));
                    BufferedOutputStream buffered = new BufferedOutputStream(tarOut, BUFFER);
                    new LayerTarWriter(mtime, BUFFER).write(spec, buffered);
                    buffered.flush();
                };
                futures.add(blobs.submit(key, tar).whenComplete((layer, failure) -> {
                    if (layer != null) {
                        // rewriting needs no thread of the writing's own: it runs on the push step that asks
                        settings.onLayerReady().accept(new WrittenLayer(layer, () -> blobs.rewrite(key, tar)));
                    }
                }));
            }
            List<NewLayer> layers = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                CachedLayer blob = LayerBlobs.join(futures.get(i));
                layers.add(new NewLayer(blob.blob(), Digest.parse(blob.digest()), Digest.parse(blob.diffId()), blob.size(),
                        specs.get(i).description(), blob.mediaType()));
            }
            return layers;
        }
    }

    /**
     * Loads the JSON mapper on another thread (the push's executor when there is one) once a layer
     * has to be written for an image whose config needs it (over a base image): loading it meanwhile
     * hides its 0.16 s. A scratch image's config needs no mapper, so nothing calls this then.
     */
    private static void preloadJson(LayerSettings settings) {
        if (JSON_PRELOADED.compareAndSet(false, true)) {
            Runnable load = io.github.ecrtoolkit.core.image.ImageJson::mapper;
            settings.executor().ifPresentOrElse(executor -> executor.execute(load), () -> {
                Thread loader = new Thread(load, "ecr-toolkit-json-preload");
                loader.setDaemon(true);
                loader.start();
            });
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean JSON_PRELOADED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The fixed creation time of images: {@code SOURCE_DATE_EPOCH}, else 1970. */
    public static java.time.Instant created() {
        return LayerBlobWriter.sourceDateEpoch(System.getenv());
    }
}
