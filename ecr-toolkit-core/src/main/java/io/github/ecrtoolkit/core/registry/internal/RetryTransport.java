package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;
import java.util.function.IntFunction;

import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.registry.RegistryUnavailableException;

/**
 * The retry layer, and the only place that sleeps: a request (or a sequence such as an upload's
 * POST, PATCH and PUT) that met throttling (429), a server error or a broken connection is tried
 * again after a jittered, doubling delay that honours {@code Retry-After}, up to the policy's
 * attempts. A request that is not idempotent is sent once; its sequence is what is retried.
 */
final class RetryTransport {

    private final AuthTransport auth;
    private final RetryPolicy policy;
    private final String host;
    private final RetryNotices notices;

    RetryTransport(AuthTransport auth, RetryPolicy policy, String host, RetryNotices notices) {
        this.auth = auth;
        this.policy = policy;
        this.host = host;
        this.notices = notices;
    }

    /** Sends {@code endpoint}, retried when it is idempotent. */
    <T> T send(Endpoint<T> endpoint) {
        if (!endpoint.idempotent()) {
            return run(endpoint.repository(), 1, attempt -> auth.exchange(endpoint));
        }
        return run(endpoint.repository(), policy.maxAttempts(), attempt -> auth.exchange(endpoint));
    }

    /** Sends {@code endpoint} once, without the retry layer: for a step of a sequence that is retried whole. */
    <T> T once(Endpoint<T> endpoint) {
        return auth.exchange(endpoint);
    }

    /** Runs {@code attempt} (given its number, from 1) until it succeeds, fails for good, or the attempts run out. */
    <T> T retrying(String repository, IntFunction<T> attempt) {
        return run(repository, policy.maxAttempts(), attempt);
    }

    private <T> T run(String repository, int attempts, IntFunction<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.apply(n);
            } catch (HttpTransport.TransientFailure failure) {
                if (n >= attempts) {
                    throw new RegistryUnavailableException("registry " + host + ": " + failure.getMessage()
                            + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""),
                            host, repository, failure.status, failure.code, failure.getCause());
                }
                Duration delay = policy.delay(n, failure.retryAfter);
                String what = "registry " + host + ": " + failure.getMessage();
                LoggerFactory.getLogger(RetryTransport.class).info("{}; attempt {} of {} in {} ms", what, n + 1, attempts,
                        delay.toMillis());
                notices.retrying(what, n + 1, attempts, delay);
                sleep(delay);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while waiting to retry", e);
        }
    }
}
