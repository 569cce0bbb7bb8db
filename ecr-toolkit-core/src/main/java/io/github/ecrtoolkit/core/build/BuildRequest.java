package io.github.ecrtoolkit.core.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * What to build: a context folder with a Dockerfile, its arguments, and the tags to push.
 *
 * <pre>{@code
 * BuildRequest request = BuildRequest.builder(Path.of("app"))
 *         .tag(ImageReference.parse("127.0.0.1:5000/app:1"))
 *         .buildArg("VERSION", "1")
 *         .build();
 * }</pre>
 *
 * @param contextDir the build context folder
 * @param dockerfile the Dockerfile's path relative to the context, default {@code Dockerfile}
 * @param buildArgs  {@code --build-arg} values
 * @param labels     labels added to the image
 * @param platform   the platform to build for; empty means {@link Platform#DEFAULT}
 * @param target     the stage to build in a multi-stage Dockerfile
 * @param tags       full references to push, all in the target registry; at least one
 */
public record BuildRequest(Path contextDir, String dockerfile, Map<String, String> buildArgs, Map<String, String> labels,
                           Optional<Platform> platform, Optional<String> target, List<ImageReference> tags) {

    public BuildRequest {
        Objects.requireNonNull(contextDir, "contextDir");
        dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        platform = platform == null ? Optional.empty() : platform;
        target = target == null ? Optional.empty() : target;
        tags = List.copyOf(tags);
    }

    /** The Dockerfile's location. */
    public Path dockerfilePath() {
        return contextDir.resolve(dockerfile);
    }

    /** The platform asked for, or {@link Platform#DEFAULT}. */
    public Platform platformOrDefault() {
        return platform.orElse(Platform.DEFAULT);
    }

    public static Builder builder(Path contextDir) {
        return new Builder(contextDir);
    }

    /** Builds a {@link BuildRequest}; not thread-safe. */
    public static final class Builder {
        private final Path contextDir;
        private String dockerfile = "Dockerfile";
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Platform platform;
        private String target;
        private final List<ImageReference> tags = new ArrayList<>();

        private Builder(Path contextDir) {
            this.contextDir = contextDir;
        }

        public Builder dockerfile(String name) {
            this.dockerfile = name;
            return this;
        }

        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder platform(Platform value) {
            this.platform = value;
            return this;
        }

        public Builder target(String stage) {
            this.target = stage;
            return this;
        }

        public Builder tag(ImageReference reference) {
            tags.add(reference);
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(contextDir, dockerfile, buildArgs, labels, Optional.ofNullable(platform),
                    Optional.ofNullable(target), tags);
        }
    }
}
