package io.github.ecrtoolkit.core.build.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * Builds one image per platform, one after the other, into one temporary folder, and the index over
 * them. A layer whose files are the same for every platform has the same cache key each time, so
 * only the first platform writes it; the others find it (in the layer cache, or without one in this
 * build's folder) and the push sends it once.
 */
final class PlatformBuilds {

    /** Builds the image of one platform, its new layers under the given folder, telling the given listener. */
    @FunctionalInterface
    interface OnePlatform {
        AssembledIndex.PlatformImage assemble(Platform platform, Path dir, ProgressListener listener);
    }

    private PlatformBuilds() {
    }

    static IndexAssembly assemble(List<Platform> platforms, ProgressListener listener, OnePlatform one) {
        Workspace workspace = Workspace.create();
        try {
            List<AssembledIndex.PlatformImage> images = new ArrayList<>();
            int planned = 0;
            for (int i = 0; i < platforms.size(); i++) {
                listener.onEvent(new ProgressEvent.BuildStep("platform " + platforms.get(i) + " (" + (i + 1) + "/" + platforms.size() + ")"));
                AtomicInteger layers = new AtomicInteger();
                ProgressListener counting = event -> {
                    if (event instanceof ProgressEvent.LayersPlanned plan) {
                        layers.set(plan.layers().size());
                    }
                    listener.onEvent(event);
                };
                images.add(one.assemble(platforms.get(i), workspace.dir(), new PlatformProgress(counting, platforms.get(i), planned)));
                planned += layers.get();
            }
            return new IndexAssembly(AssembledIndex.of(images), workspace);
        } catch (RuntimeException | Error e) {
            workspace.close();
            throw e;
        }
    }
}
