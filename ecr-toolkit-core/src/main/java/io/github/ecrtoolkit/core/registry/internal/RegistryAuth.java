package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.internal.SecretHeader;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.registry.RegistryAuthenticationException;

/**
 * Authentication of one registry, in one place: anonymous, Basic (ECR) or a Bearer token fetched
 * from the challenge's realm per scope. A 401 refreshes once (fresh credentials, fresh token).
 */
final class RegistryAuth {

    private final String host;
    private final RegistryCredentialsProvider credentials;
    private final java.util.function.Supplier<CloseableHttpClient> http;
    private volatile Challenge challenge;
    private final ConcurrentHashMap<String, String> bearerTokens = new ConcurrentHashMap<>();
    /** Counts refreshes, so that requests refused together trigger one refresh, not one each. */
    private long generation;

    RegistryAuth(String host, RegistryCredentialsProvider credentials, java.util.function.Supplier<CloseableHttpClient> http) {
        this.host = host;
        this.credentials = credentials;
        this.http = http;
    }

    boolean knowsChallenge() {
        return challenge != null;
    }

    void learn(Challenge observed) {
        this.challenge = observed;
    }

    /** The Authorization header value for a request in {@code scope}, or empty. */
    Optional<String> authorization(String scope) {
        Challenge current = challenge;
        if (current == null || "none".equals(current.scheme())) {
            return Optional.empty();
        }
        if (current.isBearer()) {
            return Optional.of("Bearer " + bearerTokens.computeIfAbsent(scope == null ? "" : scope, s -> fetchToken(current, s)));
        }
        return credentials.credentials().basicAuthorization();
    }

    /** The refresh count; a request reads it before it is sent and hands it to {@link #unauthorized}. */
    synchronized long generation() {
        return generation;
    }

    /**
     * After a 401: learn the new challenge and drop cached credentials and tokens, unless another
     * request refused at the same time already did so since {@code seenGeneration}.
     */
    synchronized void unauthorized(String wwwAuthenticate, long seenGeneration) {
        if (seenGeneration != generation) {
            return;
        }
        generation++;
        challenge = Challenge.parse(wwwAuthenticate);
        bearerTokens.clear();
        credentials.invalidate();
    }

    String username() {
        return credentials.credentials().username().orElse("(anonymous)");
    }

    /** Whether no credentials are given (a refusal then means "log in", not "wrong password"). */
    boolean anonymous() {
        return credentials.credentials().isAnonymous();
    }

    private String fetchToken(Challenge current, String scope) {
        String realm = current.params().get("realm");
        if (realm == null) {
            throw new RegistryAuthenticationException("registry " + host + " asked for a Bearer token without a realm",
                    host, null, 401, "UNAUTHORIZED");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        Optional.ofNullable(current.params().get("service"))
                .ifPresent(s -> url.append("service=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&'));
        for (String s : scope.split(" ")) {
            if (!s.isEmpty()) {
                url.append("scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&');
            }
        }
        HttpGet get = new HttpGet(url.substring(0, url.length() - 1));
        RegistryCredentials creds = credentials.credentials();
        creds.basicAuthorization().ifPresent(v -> get.setHeader(SecretHeader.of("Authorization", v)));
        try {
            return http.get().execute(get, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                if (response.getCode() != 200) {
                    throw new RegistryAuthenticationException("token service of registry " + host + " refused user "
                            + creds.username().orElse("(anonymous)") + " (HTTP " + response.getCode()
                            + "): check the user name and password", host, null, response.getCode(), "UNAUTHORIZED");
                }
                JsonNode json = ImageJson.mapper().readTree(body);
                String token = json.hasNonNull("token") ? json.get("token").asText() : json.path("access_token").asText(null);
                if (token == null) {
                    throw new RegistryAuthenticationException("token service of registry " + host + " returned no token",
                            host, null, 200, "UNAUTHORIZED");
                }
                return token;
            });
        } catch (IOException e) {
            throw new RegistryAuthenticationException("could not reach the token service of registry " + host + ": " + e.getMessage(),
                    host, null, 0, null, e);
        }
    }
}
