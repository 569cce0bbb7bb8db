package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * The progress of one platform's build within a multi-platform build: its layers are numbered after
 * those of the platforms built before it, and its labels and steps name the platform, so that a
 * listener sees one plan per platform, each with rows of its own. Events about blobs (by digest)
 * pass unchanged: a layer the platforms share is one blob, pushed once.
 */
final class PlatformProgress implements ProgressListener {

    private final ProgressListener listener;
    private final String prefix;
    private final int first;

    /**
     * @param first the index of this platform's first layer: the number of layers planned before it
     */
    PlatformProgress(ProgressListener listener, Platform platform, int first) {
        this.listener = listener;
        this.prefix = platform + " ";
        this.first = first;
    }

    @Override
    public void onEvent(ProgressEvent event) {
        listener.onEvent(renumbered(event));
    }

    private ProgressEvent renumbered(ProgressEvent event) {
        if (event instanceof ProgressEvent.LayersPlanned e) {
            List<ProgressEvent.PlannedLayer> layers = new ArrayList<>();
            for (ProgressEvent.PlannedLayer layer : e.layers()) {
                layers.add(new ProgressEvent.PlannedLayer(first + layer.index(), prefix + layer.label(), layer.size(), layer.digest()));
            }
            return new ProgressEvent.LayersPlanned(layers);
        }
        if (event instanceof ProgressEvent.LayerWriteProgress e) {
            return new ProgressEvent.LayerWriteProgress(first + e.index(), e.bytesWritten(), e.size());
        }
        if (event instanceof ProgressEvent.LayerWritten e) {
            return new ProgressEvent.LayerWritten(first + e.index(), e.digest(), e.size(), e.fromCache());
        }
        if (event instanceof ProgressEvent.BuildStep e) {
            return new ProgressEvent.BuildStep(prefix + e.message());
        }
        return event;
    }
}
