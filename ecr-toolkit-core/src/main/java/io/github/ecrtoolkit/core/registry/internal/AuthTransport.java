package io.github.ecrtoolkit.core.registry.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.ecrtoolkit.core.registry.RegistryException;

/**
 * The auth layer: learns once how the registry wants to be authenticated ({@code GET /v2/}), adds
 * the {@code Authorization} the request's scope needs (Basic, a Bearer token, or none), and after a
 * 401 refreshes the credentials once and sends again. A second 401 is the caller's to fix.
 */
final class AuthTransport {

    private final HttpTransport http;
    private final RegistryAuth auth;
    private final Refusals refusals;
    /** The {@code /v2/} probe under way, which other requests wait for; null when none. */
    private CompletableFuture<Void> probing;

    AuthTransport(HttpTransport http, RegistryAuth auth, Refusals refusals) {
        this.http = http;
        this.auth = auth;
        this.refusals = refusals;
    }

    <T> T exchange(Endpoint<T> endpoint) {
        if (endpoint instanceof Ping ping) {
            Challenge challenge = http.exchange(ping, null, refusals);
            auth.learn(challenge);
            @SuppressWarnings("unchecked")
            T learned = (T) challenge;
            return learned;
        }
        if (!auth.knowsChallenge()) {
            learnOnce();
        }
        long generation = auth.generation();
        try {
            return http.exchange(endpoint, authorization(endpoint), refusals);
        } catch (HttpTransport.Unauthorized first) {
            auth.unauthorized(first.challenge, generation);
            try {
                return http.exchange(endpoint, authorization(endpoint), refusals);
            } catch (HttpTransport.Unauthorized again) {
                RegistryException refused = refusals.of(endpoint, 401, new Refusals.ErrorBody("UNAUTHORIZED", null));
                throw refused;
            }
        }
    }

    /**
     * Probes {@code /v2/} once for every request waiting to learn the challenge: they share its
     * answer, or its failure. Each probing in turn would make N steps of a push against a registry
     * that does not answer wait N times the response timeout per attempt.
     */
    private void learnOnce() {
        CompletableFuture<Void> probe;
        boolean mine = false;
        synchronized (this) {
            if (auth.knowsChallenge()) {
                return;
            }
            if (probing == null) {
                probing = new CompletableFuture<>();
                mine = true;
            }
            probe = probing;
        }
        if (!mine) {
            try {
                probe.join();
                return;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            auth.learn(http.exchange(new Ping(http.baseUrl()), null, refusals));
            probe.complete(null);
        } catch (RuntimeException | Error e) {
            probe.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                probing = null;
            }
        }
    }

    private String authorization(Endpoint<?> endpoint) {
        return http.isOwn(endpoint.url()) ? auth.authorization(endpoint.scope()).orElse(null) : null;
    }
}
