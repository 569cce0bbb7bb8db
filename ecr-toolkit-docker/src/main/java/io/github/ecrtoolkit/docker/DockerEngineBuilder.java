package io.github.ecrtoolkit.docker;

import java.nio.file.Files;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.BuildSupport;
import io.github.ecrtoolkit.core.build.ImageBuilder;
import io.github.ecrtoolkit.core.build.PushTarget;
import io.github.ecrtoolkit.docker.internal.BaseRegistries;

/**
 * The {@link ImageBuilder} that builds on a Docker Engine, for Dockerfiles the daemonless builder
 * cannot handle ({@code RUN}). Found by {@link java.util.ServiceLoader} (engine from
 * {@code DOCKER_HOST}, like the CLI) or passed explicitly:
 *
 * <pre>{@code
 * registry.build(Path.of("app")).builder(DockerEngineBuilder.on(DockerHost.fromEnvironment())).tag("app:1").push();
 * }</pre>
 *
 * <p>Thread-safe. The built image keeps its tags in the engine afterwards, as {@code docker build} does.
 *
 * <p>One platform per build: the Engine's classic builder makes one image for the {@code platform}
 * it is given, and an engine cannot run another architecture's {@code RUN} without emulation set
 * up on it. A request for several platforms is refused ({@link #buildsSeveralPlatforms()} is false)
 * rather than built for one of them; for an image index, build without {@code RUN} (the daemonless
 * builder builds several platforms), or push each platform on its own tag.
 */
public final class DockerEngineBuilder implements ImageBuilder {

    private final Supplier<DockerEngine> engines;
    private final boolean closeEngines;
    private final PushMode pushMode;

    /** For {@link java.util.ServiceLoader}: the engine the Docker CLI would use. */
    public DockerEngineBuilder() {
        this(DockerEngine::fromEnvironment, true, DockerEngine.DEFAULT_PUSH_MODE);
    }

    private DockerEngineBuilder(Supplier<DockerEngine> engines, boolean closeEngines, PushMode pushMode) {
        this.engines = engines;
        this.closeEngines = closeEngines;
        this.pushMode = pushMode;
    }

    /** Builds on the engine at {@code host}; each build opens and closes its own connections. */
    public static DockerEngineBuilder on(DockerHost host) {
        Objects.requireNonNull(host, "host");
        return new DockerEngineBuilder(() -> DockerEngine.connect(host), true, DockerEngine.DEFAULT_PUSH_MODE);
    }

    /** Builds on {@code engine}, which stays open: the caller closes it. */
    public static DockerEngineBuilder using(DockerEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new DockerEngineBuilder(() -> engine, false, DockerEngine.DEFAULT_PUSH_MODE);
    }

    /** This builder pushing the given way; default {@link DockerEngine#DEFAULT_PUSH_MODE}. */
    public DockerEngineBuilder pushMode(PushMode mode) {
        return new DockerEngineBuilder(engines, closeEngines, Objects.requireNonNull(mode, "mode"));
    }

    /** How this builder pushes. */
    public PushMode pushMode() {
        return pushMode;
    }

    @Override
    public String name() {
        return "docker-engine";
    }

    /** Yes when the Dockerfile exists, one platform is asked for, and an engine answers; otherwise why not. */
    @Override
    public BuildSupport supports(BuildRequest request) {
        if (request.isMultiPlatform()) {
            return BuildSupport.no("the Docker Engine builds one platform at a time, and " + request.platforms()
                    + " are asked for: push each platform on its own tag, or build without RUN so the daemonless builder "
                    + "makes one image index");
        }
        if (!Files.isRegularFile(request.dockerfilePath())) {
            return BuildSupport.no("no Dockerfile at " + request.dockerfilePath());
        }
        DockerEngine engine;
        try {
            engine = engines.get();
        } catch (DockerEngineException e) {
            return BuildSupport.no(e.getMessage());
        }
        release(engine);
        return BuildSupport.yes();
    }

    /**
     * Builds on the engine with every tag of {@code request} (bases pulled with the credentials of
     * {@code target}'s registry for its own host, and its base-image credentials for others), then
     * pushes through {@code target}'s registry the {@link #pushMode()} way. A refused push is retried
     * once with fresh credentials (an expired ECR token).
     *
     * @throws BuildFailedException if a Dockerfile step fails
     * @throws PushRefusedException if the registry refuses the push twice
     * @throws EngineUnreachableException if no engine answers
     * @throws DockerEngineException for any other failure the engine reports
     */
    @Override
    public PushResult buildAndPush(BuildRequest request, PushTarget target) {
        if (request.tags().isEmpty()) {
            throw new IllegalArgumentException("name at least one tag to push");
        }
        DockerEngine engine = engines.get();
        try {
            DockerImageBuild build = engine.build(request.contextDir())
                    .dockerfile(request.dockerfile())
                    .listener(target.listener())
                    .registryCredentials(target.registryHost(), target.credentials().credentials());
            // the engine pulls the bases itself: it gets the base-image credentials set on the Registry
            for (String host : BaseRegistries.of(request)) {
                RegistryCredentials credentials = target.credentialsFor(host);
                if (!credentials.isAnonymous()) {
                    build.registryCredentials(host, credentials);
                }
            }
            request.tags().forEach(t -> build.tag(t.toString()));
            request.buildArgs().forEach(build::buildArg);
            request.labels().forEach(build::label);
            request.target().ifPresent(build::target);
            request.platform().ifPresent(p -> build.platform(p.toString()));
            build.run();
            return engine.push(request.tags(), target.registry(), target.listener(), pushMode);
        } finally {
            release(engine);
        }
    }

    private void release(DockerEngine engine) {
        if (closeEngines) {
            engine.close();
        }
    }

    @Override
    public String toString() {
        return "DockerEngineBuilder[push " + pushMode + "]";
    }
}
