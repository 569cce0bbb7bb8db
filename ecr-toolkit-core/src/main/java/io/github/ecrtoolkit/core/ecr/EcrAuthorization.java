package io.github.ecrtoolkit.core.ecr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * ECR registry credentials from {@code GetAuthorizationToken}: user {@code AWS} and the decoded
 * password, pushed to the token's {@code proxyEndpoint}. Cached, renewed at half-life (as the ECR
 * credential helper does) and after a 401. Thread-safe.
 *
 * <pre>{@code
 * EcrAuthorization auth = EcrAuthorization.create(ecrClient);
 * URI endpoint = auth.proxyEndpoint();
 * }</pre>
 */
public final class EcrAuthorization implements RegistryCredentialsProvider {

    private final EcrClient client;
    private final Clock clock;
    private Token token;

    private record Token(RegistryCredentials credentials, URI proxyEndpoint, Instant refreshAt) {
    }

    private EcrAuthorization(EcrClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Credentials through {@code client}; the client is not closed by us. */
    public static EcrAuthorization create(EcrClient client) {
        return new EcrAuthorization(client, Clock.systemUTC());
    }

    static EcrAuthorization create(EcrClient client, Clock clock) {
        return new EcrAuthorization(client, clock);
    }

    /**
     * Current credentials, fetching a token when none is cached or half its life has passed.
     *
     * @throws EcrException when {@code GetAuthorizationToken} fails
     */
    @Override
    public synchronized RegistryCredentials credentials() {
        return current().credentials();
    }

    /**
     * The registry endpoint the token is for, e.g. {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}.
     *
     * @throws EcrException when {@code GetAuthorizationToken} fails
     */
    public synchronized URI proxyEndpoint() {
        return current().proxyEndpoint();
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private Token current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(token.refreshAt())) {
            token = fetch(now);
        }
        return token;
    }

    private Token fetch(Instant now) {
        GetAuthorizationTokenResponse response;
        try {
            response = client.getAuthorizationToken(r -> { });
        } catch (SdkException e) {
            AwsErrors.Failure failure = AwsErrors.classify("ECR", "GetAuthorizationToken", e);
            throw new EcrException(failure.reason(), failure.errorCode(), failure.message(null), e);
        }
        if (response.authorizationData().isEmpty()) {
            throw new EcrException("ECR GetAuthorizationToken returned no authorization data", null);
        }
        AuthorizationData data = response.authorizationData().get(0);
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EcrException("ECR returned an authorization token that is not base64", null);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new EcrException("ECR returned an authorization token that is not of the form user:password", null);
        }
        Instant expires = data.expiresAt() == null ? now.plus(Duration.ofHours(12)) : data.expiresAt();
        Instant refreshAt = now.plus(Duration.between(now, expires).dividedBy(2));
        if (data.proxyEndpoint() == null) {
            throw new EcrException("ECR returned an authorization token without proxyEndpoint", null);
        }
        return new Token(RegistryCredentials.basic(decoded.substring(0, colon), decoded.substring(colon + 1)),
                URI.create(data.proxyEndpoint()), refreshAt);
    }

    @Override
    public String toString() {
        return "EcrAuthorization[token " + (token == null ? "not fetched" : "cached, ****") + "]";
    }
}
