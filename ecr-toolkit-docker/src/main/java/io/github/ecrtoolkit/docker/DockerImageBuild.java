package io.github.ecrtoolkit.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.docker.internal.BuildRunner;
import io.github.ecrtoolkit.docker.internal.BuildSpec;
import io.github.ecrtoolkit.docker.internal.EngineHttp;

/**
 * One build on a Docker Engine, configured fluently and run with {@link #run()}. The context
 * folder is sent as a tar with {@code .dockerignore} applied. Not thread-safe.
 *
 * <pre>{@code
 * BuiltImage image = engine.build(Path.of("app"))
 *         .dockerfile("docker/Dockerfile")
 *         .tag("app:dev")
 *         .buildArg("VERSION", "1.0").label("team", "orders")
 *         .target("runtime")
 *         .run();
 * }</pre>
 */
public final class DockerImageBuild {

    private final EngineHttp http;
    private final Path context;
    private String dockerfile = "Dockerfile";
    private final List<String> tags = new ArrayList<>();
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, RegistryCredentials> registryCredentials = new LinkedHashMap<>();
    private String target;
    private String platform;
    private boolean pull;
    private boolean noCache;
    private ProgressListener listener = ProgressListener.NONE;

    DockerImageBuild(EngineHttp http, Path context) {
        this.http = http;
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The Dockerfile's path relative to the context; default {@code Dockerfile}. */
    public DockerImageBuild dockerfile(String relativePath) {
        this.dockerfile = Objects.requireNonNull(relativePath, "relativePath");
        return this;
    }

    /** Adds a name for the image, e.g. {@code 127.0.0.1:5000/app:1} (repeatable). */
    public DockerImageBuild tag(String name) {
        tags.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /** A {@code --build-arg}. */
    public DockerImageBuild buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    /** A label on the image. */
    public DockerImageBuild label(String name, String value) {
        labels.put(name, value);
        return this;
    }

    /** The stage of a multi-stage Dockerfile to build ({@code --target}). */
    public DockerImageBuild target(String stage) {
        this.target = stage;
        return this;
    }

    /** The platform to build for, e.g. {@code linux/amd64}. */
    public DockerImageBuild platform(String value) {
        this.platform = value;
        return this;
    }

    /** Always pull newer base images ({@code --pull}). */
    public DockerImageBuild pull(boolean value) {
        this.pull = value;
        return this;
    }

    /** Ignore the engine's build cache ({@code --no-cache}). */
    public DockerImageBuild noCache(boolean value) {
        this.noCache = value;
        return this;
    }

    /** Credentials for pulling private base images from {@code registryHost} ({@code X-Registry-Config}). */
    public DockerImageBuild registryCredentials(String registryHost, RegistryCredentials credentials) {
        registryCredentials.put(registryHost, Objects.requireNonNull(credentials, "credentials"));
        return this;
    }

    /** Receives each line of build output as a {@link io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep}. */
    public DockerImageBuild listener(ProgressListener value) {
        this.listener = value == null ? ProgressListener.NONE : value;
        return this;
    }

    /**
     * Sends the context and builds.
     *
     * @throws IllegalArgumentException if the context folder or the Dockerfile is missing
     * @throws BuildFailedException if a step fails (with the step, the engine's message, the exit
     *         code of a failed {@code RUN}, and the output tail)
     * @throws DockerEngineException if the engine cannot be reached during the build
     */
    public BuiltImage run() {
        if (!Files.isDirectory(context)) {
            throw new IllegalArgumentException("build context " + context + " is not a folder");
        }
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
            throw new IllegalArgumentException("no Dockerfile at " + context.resolve(dockerfile)
                    + "; pass dockerfile(\"path/relative/to/context\") if it lives elsewhere");
        }
        BuildSpec spec = new BuildSpec(context, dockerfile, tags, buildArgs, labels, Optional.ofNullable(target),
                Optional.ofNullable(platform), pull, noCache, registryCredentials);
        return BuildRunner.run(http, spec, listener);
    }
}
