package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;

import io.github.ecrtoolkit.core.internal.InternalApi;

/** Told before each retry, so that a push can say what it is waiting for instead of going quiet. */
@InternalApi
@FunctionalInterface
public interface RetryNotices {

    RetryNotices NONE = (what, attempt, attempts, delay) -> { };

    /**
     * @param what     what failed, e.g. {@code registry r:5000: no answer from r:5000 to GET /v2/ within 60 s}
     * @param attempt  the attempt about to be made, from 2
     * @param attempts attempts in all
     * @param delay    the wait before it
     */
    void retrying(String what, int attempt, int attempts, Duration delay);
}
