package io.github.ecrtoolkit.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password for a registry (ECR: user {@code AWS} and a token), or none.
 * {@code toString()} never shows the password.
 *
 * <pre>{@code
 * RegistryCredentials creds = RegistryCredentials.basic("AWS", token);
 * }</pre>
 */
public final class RegistryCredentials {

    private static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null);

    private final String username;
    private final String password;

    private RegistryCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** User name and password (or token). */
    public static RegistryCredentials basic(String username, String password) {
        if (username == null || username.isEmpty() || password == null) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "registry credentials need a user name and a password");
        }
        return new RegistryCredentials(username, password);
    }

    /** No credentials: anonymous pulls and pushes. */
    public static RegistryCredentials anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return username == null;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The secret; never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The {@code Authorization: Basic …} value, or empty when anonymous. */
    public Optional<String> basicAuthorization() {
        if (isAnonymous()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryCredentials other && Objects.equals(username, other.username)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return isAnonymous() ? "RegistryCredentials[anonymous]" : "RegistryCredentials[username=" + username + ", password=****]";
    }
}
