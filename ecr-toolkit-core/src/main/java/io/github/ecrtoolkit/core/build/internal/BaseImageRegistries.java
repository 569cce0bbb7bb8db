package io.github.ecrtoolkit.core.build.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.internal.InternalApi;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;

/**
 * The registries an image without a target registry reads its base images from: one session per
 * base image's registry, opened when first needed, all closed together. Nothing is pushed.
 */
@InternalApi
public final class BaseImageRegistries implements AutoCloseable {

    private static final int CONNECTIONS = 4;

    private final Function<String, RegistryCredentials> credentials;
    private final boolean insecureLoopback;
    private final Map<String, RegistrySession> sessions = new ConcurrentHashMap<>();

    /**
     * @param credentials      by registry host (anonymous where there are none)
     * @param insecureLoopback whether plain HTTP is allowed to a base image's registry on loopback
     */
    public BaseImageRegistries(Function<String, RegistryCredentials> credentials, boolean insecureLoopback) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.insecureLoopback = insecureLoopback;
    }

    /** The client of the registry at {@code host}. */
    public RegistryClient client(String host) {
        return sessions.computeIfAbsent(host, h -> new RegistrySession(h, RegistryCredentialsProvider.of(credentials.apply(h)),
                insecureLoopback, CONNECTIONS, RetryPolicy.DEFAULT, credentials, null)).target();
    }

    @Override
    public void close() {
        sessions.values().forEach(RegistrySession::close);
    }
}
