package io.github.ecrtoolkit.core.registry.internal;

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
            synchronized (auth) {
                if (!auth.knowsChallenge()) {
                    auth.learn(http.exchange(new Ping(http.baseUrl()), null, refusals));
                }
            }
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

    private String authorization(Endpoint<?> endpoint) {
        return http.isOwn(endpoint.url()) ? auth.authorization(endpoint.scope()).orElse(null) : null;
    }
}
