package io.github.ecrtoolkit.core.event;

import io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerCacheRepaired;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerMounted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerSkipped;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerStarted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWriteProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWritten;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayersPlanned;
import io.github.ecrtoolkit.core.event.ProgressEvent.ManifestPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.Retrying;

/**
 * A {@link ProgressListener} with one callback per event type, each doing nothing by default:
 * override the ones you need.
 *
 * <pre>{@code
 * ProgressListener log = new ProgressAdapter() {
 *     public void onLayerPushed(LayerPushed e) { System.out.println("pushed " + e.digest()); }
 * };
 * }</pre>
 */
public interface ProgressAdapter extends ProgressListener {

    /** Dispatches to the typed methods. */
    @Override
    default void onEvent(ProgressEvent event) {
        // Java 17: no pattern switch yet
        if (event instanceof BuildStep e) {
            onBuildStep(e);
        } else if (event instanceof LayersPlanned e) {
            onLayersPlanned(e);
        } else if (event instanceof LayerWriteProgress e) {
            onLayerWriteProgress(e);
        } else if (event instanceof LayerWritten e) {
            onLayerWritten(e);
        } else if (event instanceof LayerStarted e) {
            onLayerStarted(e);
        } else if (event instanceof LayerProgress e) {
            onLayerProgress(e);
        } else if (event instanceof LayerSkipped e) {
            onLayerSkipped(e);
        } else if (event instanceof LayerMounted e) {
            onLayerMounted(e);
        } else if (event instanceof LayerPushed e) {
            onLayerPushed(e);
        } else if (event instanceof LayerCacheRepaired e) {
            onLayerCacheRepaired(e);
        } else if (event instanceof Retrying e) {
            onRetrying(e);
        } else if (event instanceof ManifestPushed e) {
            onManifestPushed(e);
        }
    }

    default void onBuildStep(BuildStep event) {
    }

    default void onLayersPlanned(LayersPlanned event) {
    }

    default void onLayerWriteProgress(LayerWriteProgress event) {
    }

    default void onLayerWritten(LayerWritten event) {
    }

    default void onLayerStarted(LayerStarted event) {
    }

    default void onLayerProgress(LayerProgress event) {
    }

    default void onLayerSkipped(LayerSkipped event) {
    }

    default void onLayerMounted(LayerMounted event) {
    }

    default void onLayerPushed(LayerPushed event) {
    }

    default void onLayerCacheRepaired(LayerCacheRepaired event) {
    }

    default void onRetrying(Retrying event) {
    }

    default void onManifestPushed(ManifestPushed event) {
    }
}
