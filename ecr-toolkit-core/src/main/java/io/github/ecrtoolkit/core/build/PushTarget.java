package io.github.ecrtoolkit.core.build;

import java.util.Objects;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;

/**
 * Where an {@link ImageBuilder} pushes: a {@link Registry} — its connections, request cap, retries,
 * base-image credentials and executor — and who hears progress. A builder pushes through the
 * registry, so whatever was set on it applies to every builder alike.
 *
 * <pre>{@code
 * try (Registry registry = Registry.of("registry.example.com", credentials)) {
 *     builder.buildAndPush(request, PushTarget.of(registry, ProgressListener.NONE));
 * }
 * }</pre>
 */
public final class PushTarget {

    private final Registry registry;
    private final ProgressListener listener;

    private PushTarget(Registry registry, ProgressListener listener) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** Pushes to {@code registry} (not closed by us), telling {@code listener} (may be null). */
    public static PushTarget of(Registry registry, ProgressListener listener) {
        return new PushTarget(registry, listener);
    }

    public Registry registry() {
        return registry;
    }

    /** {@code host[:port]} of the registry (for ECR: the token's proxy endpoint host). */
    public String registryHost() {
        return registry.host();
    }

    /**
     * Supplies (and refreshes) the registry's credentials; call
     * {@link RegistryCredentialsProvider#invalidate()} once on a 401, then retry once.
     */
    public RegistryCredentialsProvider credentials() {
        return RegistrySession.of(registry).credentials();
    }

    /** Credentials for {@code host}: the registry's own, else the base-image credentials set on the {@link Registry}. */
    public RegistryCredentials credentialsFor(String host) {
        return RegistrySession.of(registry).credentialsFor(host);
    }

    /** Whether plain HTTP is allowed; only ever true for a loopback registry. */
    public boolean insecure() {
        return RegistrySession.of(registry).insecure();
    }

    /** Receives progress; never null. */
    public ProgressListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "PushTarget[" + registry.host() + "]";
    }
}
