package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to retry throttled, failing or broken requests.
 *
 * @param maxAttempts   attempts in all, first included
 * @param initialDelay  delay before the second attempt; doubles each time, with jitter
 * @param maxDelay      cap of one delay, also of a {@code Retry-After} the registry asks for
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** 6 attempts, 0.5 s doubling to at most 20 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20));

    /** The delay before attempt {@code attempt + 1} (attempt counts from 1), honouring {@code retryAfter}. */
    Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
