package io.github.ecrtoolkit.eks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.deploy.Sleeper;

/**
 * The only place the cluster lifecycle sleeps: reads a status until it settles, the thing is gone
 * or the deadline passes, telling each change of status once.
 */
public final class StatusPoller {

    /** How a wait ended. */
    public enum End { SETTLED, GONE, TIMED_OUT }

    /** The end and the last value read (empty when gone or never read). */
    public record Polled<T>(End end, Optional<T> last) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;

    public StatusPoller(Clock clock, Sleeper sleeper, Duration interval) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
    }

    /**
     * @param read the current value; empty when the thing no longer exists
     * @param settled whether a value is final (good or bad)
     * @param describe the status as one line; each new line goes to {@code onChange}
     */
    public <T> Polled<T> await(Supplier<Optional<T>> read, Predicate<T> settled, Function<T, String> describe,
            Consumer<String> onChange, Instant deadline) {
        String lastLine = null;
        Optional<T> last = Optional.empty();
        while (true) {
            Optional<T> value = read.get();
            if (value.isEmpty()) {
                return new Polled<>(End.GONE, Optional.empty());
            }
            last = value;
            String line = describe.apply(value.get());
            if (!Objects.equals(line, lastLine)) {
                onChange.accept(line);
                lastLine = line;
            }
            if (settled.test(value.get())) {
                return new Polled<>(End.SETTLED, value);
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return new Polled<>(End.TIMED_OUT, last);
            }
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Polled<>(End.TIMED_OUT, last);
            }
        }
    }
}
