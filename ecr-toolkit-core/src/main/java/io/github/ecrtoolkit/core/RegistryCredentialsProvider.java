package io.github.ecrtoolkit.core;

/**
 * Supplies the credentials for one registry, refreshing them when they expire. The ECR provider
 * fetches a token with {@code GetAuthorizationToken} and renews it at half-life; a static one
 * always answers the same.
 *
 * <pre>{@code
 * RegistryCredentialsProvider fixed = RegistryCredentialsProvider.of(RegistryCredentials.basic("user", secret));
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface RegistryCredentialsProvider {

    /**
     * Current credentials.
     *
     * @throws EcrToolkitException when they cannot be obtained (for ECR: the AWS call failed)
     */
    RegistryCredentials credentials();

    /** Called once when the registry answered 401: drop cached credentials so the next call fetches fresh ones. */
    default void invalidate() {
    }

    /** A provider that always returns {@code credentials}. */
    static RegistryCredentialsProvider of(RegistryCredentials credentials) {
        return new RegistryCredentialsProvider() {
            @Override
            public RegistryCredentials credentials() {
                return credentials;
            }

            @Override
            public String toString() {
                return "static " + credentials;
            }
        };
    }
}
