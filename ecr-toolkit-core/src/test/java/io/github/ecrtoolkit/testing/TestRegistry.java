package io.github.ecrtoolkit.testing;

import java.util.Optional;

/**
 * A real OCI registry started by {@code scripts/test-services.sh}, on loopback, plain HTTP.
 *
 * @param host     {@code 127.0.0.1:port}
 * @param username {@code AWS} on the Basic-auth registry, empty on the open one
 * @param password the htpasswd password, empty on the open one
 */
public record TestRegistry(String host, Optional<String> username, Optional<String> password) {

    /** Base URL of the registry API, e.g. {@code http://127.0.0.1:5000}. */
    public String url() {
        return "http://" + host;
    }

    /** Whether this registry asks for Basic auth. */
    public boolean requiresAuth() {
        return username.isPresent();
    }

    @Override
    public String toString() {
        return "TestRegistry[" + host + (requiresAuth() ? ", Basic auth as " + username.get() : ", no auth") + "]";
    }
}
