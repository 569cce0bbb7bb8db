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
 * @param platforms  the platforms to build for, in order, without repeats: one image each under one
 *                   image index when there are several; empty means {@link Platform#DEFAULT}
 * @param target     the stage to build in a multi-stage Dockerfile
 * @param tags       full references to push, all in the target registry; at least one
 */
public record BuildRequest(Path contextDir, String dockerfile, Map<String, String> buildArgs, Map<String, String> labels,
                           List<Platform> platforms, Optional<String> target, List<ImageReference> tags) {

    public BuildRequest {
        Objects.requireNonNull(contextDir, "contextDir");
        dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        if (platforms.stream().distinct().count() != platforms.size()) {
            throw new IllegalArgumentException("platforms are given twice: " + platforms);
        }
        target = target == null ? Optional.empty() : target;
        tags = List.copyOf(tags);
    }

    /** The Dockerfile's location. */
    public Path dockerfilePath() {
        return contextDir.resolve(dockerfile);
    }

    /**
     * The one platform asked for; empty when none is (then {@link Platform#DEFAULT}).
     *
     * @throws BuildException when several are asked for: a builder that builds one platform must
     *         refuse such a request rather than build one of them (see {@link ImageBuilder#buildsSeveralPlatforms()})
     */
    public Optional<Platform> platform() {
        if (platforms.size() > 1) {
            throw new BuildException("this request asks for " + platforms.size() + " platforms " + platforms
                    + "; a builder that builds one platform cannot build it: build each platform on its own");
        }
        return platforms.stream().findFirst();
    }

    /** The platforms to build, or {@link Platform#DEFAULT} alone when none is asked for. */
    public List<Platform> platformsOrDefault() {
        return platforms.isEmpty() ? List.of(Platform.DEFAULT) : platforms;
    }

    /** Whether several platforms are asked for: the result is an image index. */
    public boolean isMultiPlatform() {
        return platforms.size() > 1;
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
        private final List<Platform> platforms = new ArrayList<>();
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

        /** Builds for {@code value} alone (replaces any platforms set before). */
        public Builder platform(Platform value) {
            return platforms(List.of(value));
        }

        /** Builds for every platform of {@code values}, in that order (replaces any set before). */
        public Builder platforms(List<Platform> values) {
            platforms.clear();
            platforms.addAll(values);
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
            return new BuildRequest(contextDir, dockerfile, buildArgs, labels, platforms,
                    Optional.ofNullable(target), tags);
        }
    }
}
