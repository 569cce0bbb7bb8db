package io.github.ecrtoolkit.docker.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.ecrtoolkit.core.RegistryCredentials;

/** Everything one engine build needs, gathered by the public builder. */
public record BuildSpec(Path context, String dockerfile, List<String> tags, Map<String, String> buildArgs,
        Map<String, String> labels, Optional<String> target, Optional<String> platform, boolean pull, boolean noCache,
        Map<String, RegistryCredentials> registryCredentials) {

    public BuildSpec {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        registryCredentials = Map.copyOf(registryCredentials);
    }
}
