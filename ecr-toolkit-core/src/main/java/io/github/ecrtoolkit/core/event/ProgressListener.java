package io.github.ecrtoolkit.core.event;

import java.time.Duration;

import io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerCacheRepaired;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerMounted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerSkipped;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerStarted;
import io.github.ecrtoolkit.core.event.ProgressEvent.ManifestPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.Retrying;

/**
 * Receives progress of a build and push. Every method defaults to doing nothing; override the
 * ones you need, or {@link #onEvent(ProgressEvent)} for all of them.
 *
 * <pre>{@code
 * ProgressListener log = new ProgressListener() {
 *     public void onLayerPushed(LayerPushed e) { System.out.println("pushed " + e.digest()); }
 * };
 * }</pre>
 *
 * <p>May be called from any thread, concurrently; must return quickly and never block.
 * {@link LayerProgress} events are throttled (see {@link #throttled(ProgressListener, Duration)}).
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** Every event passes here first; the default dispatches to the typed methods. */
    default void onEvent(ProgressEvent event) {
        // Java 17: no pattern switch yet
        if (event instanceof BuildStep e) {
            onBuildStep(e);
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
        } else if (event instanceof ManifestPushed e) {
            onManifestPushed(e);
        } else if (event instanceof LayerCacheRepaired e) {
            onLayerCacheRepaired(e);
        } else if (event instanceof Retrying e) {
            onRetrying(e);
        }
    }

    default void onBuildStep(BuildStep event) {
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

    /**
     * Wraps {@code listener} so that {@link LayerProgress} events of one blob arrive at most once per
     * {@code interval} (the last one, with all bytes, always arrives); other events pass unchanged.
     * Exceptions a listener throws are swallowed: progress reporting never breaks a push.
     */
    static ProgressListener throttled(ProgressListener listener, Duration interval) {
        return new ThrottledListener(listener, interval);
    }
}
