package io.github.ecrtoolkit.core.event;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.image.Digest;

/** Drops {@link LayerProgress} events that come sooner than the interval after the last one for the same blob. */
final class ThrottledListener implements ProgressListener {

    private final ProgressListener delegate;
    private final long intervalNanos;
    private final ConcurrentHashMap<Digest, Long> lastSent = new ConcurrentHashMap<>();

    ThrottledListener(ProgressListener delegate, Duration interval) {
        this.delegate = delegate;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onEvent(ProgressEvent event) {
        if (event instanceof LayerProgress p && p.bytesSent() < p.size()) {
            long now = System.nanoTime();
            Long previous = lastSent.get(p.digest());
            if (previous != null && now - previous < intervalNanos) {
                return;
            }
            lastSent.put(p.digest(), now);
        }
        try {
            delegate.onEvent(event);
        } catch (RuntimeException ignored) {
            // a listener's bug must not fail the push
        }
    }
}
