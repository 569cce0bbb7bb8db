package io.github.ecrtoolkit.core.event;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWriteProgress;

/** Drops byte counts that come sooner than the interval after the last one for the same blob or layer. */
final class ThrottledListener implements ProgressListener {

    private final ProgressListener delegate;
    private final long intervalNanos;
    private final ConcurrentHashMap<Object, Long> lastSent = new ConcurrentHashMap<>();

    ThrottledListener(ProgressListener delegate, Duration interval) {
        this.delegate = delegate;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onEvent(ProgressEvent event) {
        if (event instanceof LayerProgress p && p.bytesSent() < p.size() && tooSoon(p.digest())) {
            return;
        }
        if (event instanceof LayerWriteProgress w && w.bytesWritten() < w.size() && tooSoon(w.index())) {
            return;
        }
        try {
            delegate.onEvent(event);
        } catch (RuntimeException ignored) {
            // a listener's bug must not fail the push
        }
    }

    /** Whether the last count for {@code key} passed less than the interval ago; else notes now. */
    private boolean tooSoon(Object key) {
        long now = System.nanoTime();
        Long previous = lastSent.get(key);
        if (previous != null && now - previous < intervalNanos) {
            return true;
        }
        lastSent.put(key, now);
        return false;
    }
}
