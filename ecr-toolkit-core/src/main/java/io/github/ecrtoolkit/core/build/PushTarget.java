package io.github.ecrtoolkit.core.build;

import java.util.Objects;

import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.event.ProgressListener;

/**
 * Where an {@link ImageBuilder} pushes: the registry, how to authenticate, and who hears progress.
 *
 * @param registryHost {@code host[:port]} of the registry (for ECR: the token's proxy endpoint host)
 * @param credentials  supplies (and refreshes) the registry credentials; call
 *                     {@link RegistryCredentialsProvider#invalidate()} once on a 401, then retry once
 * @param insecure     whether plain HTTP is allowed; only ever true for a loopback registry
 * @param listener     receives progress; never null
 */
public record PushTarget(String registryHost, RegistryCredentialsProvider credentials, boolean insecure,
                         ProgressListener listener) {

    public PushTarget {
        Objects.requireNonNull(registryHost, "registryHost");
        Objects.requireNonNull(credentials, "credentials");
        listener = listener == null ? ProgressListener.NONE : listener;
    }
}
