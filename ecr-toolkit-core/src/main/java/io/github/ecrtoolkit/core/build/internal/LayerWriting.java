package io.github.ecrtoolkit.core.build.internal;

import java.io.BufferedOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ecrtoolkit.core.cache.CachedLayer;
import io.github.ecrtoolkit.core.cache.LayerBlobs;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.cache.internal.LayerSpecKeys;
import io.github.ecrtoolkit.core.cache.internal.WrittenLayer;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressEvent.PlannedLayer;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
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

    /** {@link #write(List, Optional, Path, ProgressListener, LayerSettings)} of an image without a base. */
    public static List<NewLayer> write(List<LayerSpec> specs, Path dir, ProgressListener listener, LayerSettings settings) {
        return write(specs, Optional.empty(), dir, listener, settings);
    }

    /**
     * Writes every spec, in order; without a cache in {@code settings} the blobs go under {@code dir}.
     * First tells {@code listener} the plan: {@code base}'s layers, then one per spec, each with its size.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException (a {@code LayerException} or
     *         {@code LayerCacheException}) when a source cannot be read or a blob cannot be written
     */
    public static List<NewLayer> write(List<LayerSpec> specs, Optional<ResolvedBase> base, Path dir, ProgressListener listener,
                                       LayerSettings settings) {
        int first = announce(specs, base, listener);
        LayerCache cache = settings.cache().orElseGet(() -> LayerCache.at(dir.resolve("layers")));
        Instant mtime = created();
        try (LayerBlobs blobs = settings.executor()
                .map(executor -> LayerBlobs.create(cache, settings.compression(), LayerSettings.sharedPool(), executor))
                .orElseGet(() -> LayerBlobs.create(cache, settings.compression(), LayerSettings.sharedPool()))) {
            List<CompletableFuture<CachedLayer>> futures = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                LayerSpec spec = specs.get(i);
                int index = first + i;
                AtomicBoolean written = new AtomicBoolean();
                LayerBlobs.TarWriter tar = tarOut -> {
                    written.set(true);
                    if (settings.jsonAfterWrite()) {
                        preloadJson(settings);
                    }
                    listener.onEvent(new ProgressEvent.BuildStep(spec.description()));
                    BufferedOutputStream buffered = new BufferedOutputStream(
                            new WriteProgressStream(tarOut, index, spec.contentSize(), listener), BUFFER);
                    new LayerTarWriter(mtime, BUFFER).write(spec, buffered);
                    buffered.flush();
                };
                futures.add(blobs.submit(() -> LayerSpecKeys.of(spec, mtime), tar).whenComplete((layer, failure) -> {
                    if (layer != null) {
                        listener.onEvent(new ProgressEvent.LayerWritten(index, Digest.parse(layer.digest()), layer.size(),
                                !written.get()));
                        // rewriting needs no thread of the writing's own: it runs on the push step that asks
                        // the key again, for the rare rewrite: a file changed since comes out as another digest, which the push refuses
                        settings.onLayerReady().accept(new WrittenLayer(layer, () -> blobs.rewrite(LayerSpecKeys.of(spec, mtime), tar)));
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

    /** Tells the listener every layer, base first, before any is written; returns the first new layer's index. */
    private static int announce(List<LayerSpec> specs, Optional<ResolvedBase> base, ProgressListener listener) {
        List<PlannedLayer> plan = new ArrayList<>();
        base.ifPresent(b -> {
            List<Descriptor> layers = b.manifest().layers();
            for (Descriptor layer : layers) {
                plan.add(new PlannedLayer(plan.size(), "FROM " + b.reference() + " layer " + (plan.size() + 1) + "/" + layers.size(),
                        layer.size(), Optional.of(layer.digest())));
            }
        });
        int first = plan.size();
        for (LayerSpec spec : specs) {
            plan.add(new PlannedLayer(plan.size(), spec.description(), spec.contentSize(), Optional.empty()));
        }
        listener.onEvent(new ProgressEvent.LayersPlanned(plan));
        return first;
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
