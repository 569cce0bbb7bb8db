package io.github.ecrtoolkit.ecs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.Sleeper;

/**
 * Time for one deploy: the clock, jittered waits between polls, and a back-off that grows while
 * ECS throttles and shrinks back once it answers. The only place that sleeps.
 */
public final class Pacer {

    private static final double JITTER = 0.2;

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private Duration backoff;

    public Pacer(Clock clock, Sleeper sleeper, Duration pollInterval, Duration maxBackoff) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff.compareTo(pollInterval) < 0 ? pollInterval : maxBackoff;
        this.backoff = pollInterval;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Waits one poll interval (longer while backing off), +-20% so that many deployers do not poll in step. */
    public void pause(Instant deadline) {
        Duration wait = jitter(backoff);
        Duration left = Duration.between(now(), deadline);
        sleep(left.isNegative() ? Duration.ZERO : (wait.compareTo(left) > 0 ? left : wait));
    }

    /** Waits exactly {@code duration}, such as the bounded back-off while IAM propagates a new role. */
    public void hold(Duration duration) {
        sleep(duration);
    }

    /** ECS throttled us: double the wait before the next call, up to the cap. Returns the new wait. */
    public Duration throttled() {
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        return backoff;
    }

    /** ECS answered: back to the normal interval. */
    public void answered() {
        backoff = pollInterval;
    }

    private static Duration jitter(Duration base) {
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while waiting for ECS; the deployment may still be in progress", e);
        }
    }
}
