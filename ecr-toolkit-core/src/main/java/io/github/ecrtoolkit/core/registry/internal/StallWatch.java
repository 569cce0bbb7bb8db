package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Breaks off an upload that makes no progress: a socket write blocks for as long as the registry
 * does not read (no socket timeout covers writes), so a watch checks the bytes sent and, after the
 * limit without any, cancels the request, which closes its connection and ends the blocked write.
 * One daemon thread serves every watch of the process.
 */
final class StallWatch implements AutoCloseable {

    private static final class Timer {
        static final ScheduledExecutorService TIMER = timer();

        private static ScheduledExecutorService timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "ecr-toolkit-stall-watch");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    private final Cancellable request;
    private final long limitNanos;
    private final long answerNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    private StallWatch(Cancellable request, Duration limit, Duration answer) {
        this.request = request;
        this.limitNanos = limit.toNanos();
        this.answerNanos = answer.toNanos();
        long period = Math.max(50, limit.toMillis() / 4);
        this.check = Timer.TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches {@code request} from now; close the watch once its answer arrived.
     *
     * @param limit  longest time without a byte sent
     * @param answer the response timeout, added once the body was sent
     */
    static StallWatch of(Cancellable request, Duration limit, Duration answer) {
        return new StallWatch(request, limit, answer);
    }

    /** Bytes went out. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /**
     * The whole body was handed over: what follows is the wait for an answer, which the response
     * timeout bounds. The watch stays, with that much more time, for the last bytes' flush.
     */
    void bodySent() {
        lastProgress = System.nanoTime() + answerNanos;
    }

    /** Whether the request was cancelled for want of progress. */
    boolean stalled() {
        return stalled;
    }

    private void check() {
        if (!stalled && System.nanoTime() - lastProgress > limitNanos) {
            stalled = true;
            request.cancel();
            check.cancel(false);
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
