package io.github.ecrtoolkit.core.build.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.layer.LayerBlob;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/** Writes layer specs to blobs with the layer writer, a few at once (compression is the cost). */
public final class LayerWriting {

    private static final int PARALLEL = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private LayerWriting() {
    }

    /**
     * Writes every spec into {@code dir}, in order.
     *
     * @throws EcrToolkitException (a {@code LayerException}) when a source cannot be read
     */
    public static List<NewLayer> write(List<LayerSpec> specs, Path dir, ProgressListener listener) {
        LayerBlobWriter writer = LayerBlobWriter.create();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "ecr-toolkit-layer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<NewLayer>> futures = new ArrayList<>();
            for (LayerSpec spec : specs) {
                futures.add(pool.submit(() -> {
                    listener.onEvent(new ProgressEvent.BuildStep(spec.description()));
                    LayerBlob blob = writer.write(spec, dir);
                    return new NewLayer(blob.file(), Digest.parse(blob.digest()), Digest.parse(blob.diffId()), blob.size(),
                            spec.description());
                }));
            }
            List<NewLayer> layers = new ArrayList<>();
            for (Future<NewLayer> f : futures) {
                try {
                    layers.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new EcrToolkitException("writing a layer failed: " + e.getCause(), e.getCause());
                }
            }
            return layers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while writing layers", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The fixed creation time of images: {@code SOURCE_DATE_EPOCH}, else 1970. */
    public static java.time.Instant created() {
        return LayerBlobWriter.sourceDateEpoch(System.getenv());
    }
}
