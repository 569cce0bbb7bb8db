package io.github.ecrtoolkit.core.event;

import java.time.Duration;

import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;

/**
 * Receives progress of a build and push: a lambda, {@link #console()} for a ready-made renderer,
 * or a {@link ProgressAdapter} to override only the typed callbacks you need.
 *
 * <pre>{@code
 * registry.build(dir).tag("app:1").listener(ProgressListener.console()).push();
 * registry.build(dir).tag("app:1").listener(event -> log.info("{}", event)).push();
 * }</pre>
 *
 * <p>May be called from any thread, concurrently; must return quickly and never block.
 * {@link LayerProgress} events are throttled (see {@link #throttled(ProgressListener, Duration)}).
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = event -> { };

    void onEvent(ProgressEvent event);

    /**
     * A renderer on stderr: a live bar and a line per layer, labelled by its Dockerfile instruction
     * and in Dockerfile order, when stderr is a terminal; plain throttled lines otherwise (CI logs).
     * See {@link ConsoleProgress#builder()} for another stream; call {@link ConsoleProgress#finish()}
     * when a push fails, so that what follows starts on a line of its own.
     */
    static ConsoleProgress console() {
        return ConsoleProgress.create();
    }

    /**
     * Wraps {@code listener} so that byte counts ({@link LayerProgress}, {@link ProgressEvent.LayerWriteProgress})
     * of one layer arrive at most once per {@code interval} (the last one, with all bytes, always
     * arrives); other events pass unchanged. Exceptions a listener throws are swallowed: progress
     * reporting never breaks a push.
     */
    static ProgressListener throttled(ProgressListener listener, Duration interval) {
        return new ThrottledListener(listener, interval);
    }
}
