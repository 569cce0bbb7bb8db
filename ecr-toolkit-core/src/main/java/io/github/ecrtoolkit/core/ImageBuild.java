package io.github.ecrtoolkit.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.BuildSupport;
import io.github.ecrtoolkit.core.build.DaemonlessBuilder;
import io.github.ecrtoolkit.core.build.ImageBuilder;
import io.github.ecrtoolkit.core.build.PushTarget;
import io.github.ecrtoolkit.core.build.ImageLoader;
import io.github.ecrtoolkit.core.build.internal.AssembledImage;
import io.github.ecrtoolkit.core.build.internal.BaseImageRegistries;
import io.github.ecrtoolkit.core.build.internal.Assembly;
import io.github.ecrtoolkit.core.build.internal.DockerfileImage;
import io.github.ecrtoolkit.core.build.internal.ProgrammaticImage;
import io.github.ecrtoolkit.core.build.internal.PushSteps;
import io.github.ecrtoolkit.core.build.internal.Warmup;
import io.github.ecrtoolkit.core.build.internal.Workspace;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.ecr.RepositoryOptions;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;

/**
 * One build and push, configured fluently; from {@link Registry#build(Path)} or {@link Registry#image()},
 * or without a registry from {@link Image#build(Path)} (then written to files or loaded into a Docker Engine).
 *
 * <pre>{@code
 * PushResult r = registry.build(Path.of("orders-service"))   // its Dockerfile
 *         .buildArg("VERSION", "1.4.2")
 *         .tag("orders:1.4.2").tag("orders:latest")
 *         .push();
 *
 * registry.build(Path.of("target"))                        // no Dockerfile: set in code
 *         .from("base/java:21")
 *         .layer("lib", "/app/lib").layer("app.jar", "/app/app.jar")
 *         .entrypoint("java", "-jar", "/app/app.jar")
 *         .env("TZ", "UTC").user("1000").exposedPort(8080)
 *         .tag("orders:1.4.2")
 *         .push();
 * }</pre>
 *
 * <p>Not thread-safe: configure and push from one thread. With a Dockerfile, the daemonless builder
 * is used when it can honour every instruction, else an {@link ImageBuilder} found with
 * {@link ServiceLoader} (add {@code ecr-toolkit-docker} for Dockerfiles with {@code RUN}).
 */
public final class ImageBuild {

    /** Where it is pushed; null for an {@link Image} without a registry. */
    private final Registry registry;
    /** Where base images come from when there is no {@link #registry}. */
    private final Image.Options baseImages;
    private final Path context;
    private final List<ImageReference> tags = new ArrayList<>();
    private String dockerfile = "Dockerfile";
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Platform platform;
    private String target;
    private ProgressListener listener = ProgressListener.NONE;
    private ImageBuilder builder;
    private RepositoryOptions createRepository;
    private final ProgrammaticImage.Builder code = ProgrammaticImage.builder();
    private boolean programmatic;
    private boolean labelsApplied;
    private Compression compression = Compression.gzip();
    private Optional<LayerCache> layerCache;

    ImageBuild(Registry registry, Path context) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.baseImages = null;
        this.context = context;
    }

    ImageBuild(Image.Options baseImages, Path context) {
        this.registry = null;
        this.baseImages = baseImages;
        this.context = context;
    }

    /**
     * Adds a tag: {@code repository:tag} in this registry (a full reference must name this registry).
     * Without a registry ({@link Image}): the name the image gets where it is loaded, e.g.
     * {@code app:dev} or {@code registry.example.com/app:dev}.
     */
    public ImageBuild tag(String reference) {
        ImageReference ref = registry != null ? registry.reference(reference) : ImageReference.parse(reference, "");
        if (ref.tag().isEmpty()) {
            ref = ref.withTag("latest");
        }
        tags.add(ref);
        return this;
    }

    /** The Dockerfile's path in the context; default {@code Dockerfile}. */
    public ImageBuild dockerfile(String name) {
        this.dockerfile = Objects.requireNonNull(name, "name");
        return this;
    }

    public ImageBuild buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    public ImageBuild label(String name, String value) {
        labels.put(name, value);
        return this;
    }

    /** Platform to build for, e.g. {@code linux/arm64}; default {@code linux/amd64}. */
    public ImageBuild platform(String value) {
        this.platform = Platform.parse(value);
        return this;
    }

    public ImageBuild platform(Platform value) {
        this.platform = Objects.requireNonNull(value, "platform");
        return this;
    }

    /** The stage of a multi-stage Dockerfile to build. */
    public ImageBuild target(String stage) {
        this.target = stage;
        return this;
    }

    /** Receives progress; wrapped so that byte counts arrive at most every 100 ms per layer. */
    public ImageBuild listener(ProgressListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return this;
    }

    /** Builds with {@code value} instead of choosing one. */
    public ImageBuild builder(ImageBuilder value) {
        this.builder = Objects.requireNonNull(value, "builder");
        return this;
    }

    /**
     * How layers are compressed: {@code Compression.gzip()} (default: level 1, parallel, already
     * compressed chunks stored), {@code Compression.gzip(6)}, or {@code Compression.zstd()} (needs
     * zstd-jni and nodes that can pull zstd layers).
     */
    public ImageBuild compression(Compression value) {
        this.compression = Objects.requireNonNull(value, "compression");
        return this;
    }

    /**
     * Where unchanged layers are found again instead of being tarred and compressed anew; default
     * {@code LayerCache.atDefaultLocation()} ({@code ~/.cache/ecr-toolkit}, or {@code $ECR_TOOLKIT_CACHE}).
     */
    public ImageBuild layerCache(LayerCache value) {
        this.layerCache = Optional.of(Objects.requireNonNull(value, "layerCache"));
        return this;
    }

    /** Builds every layer afresh, in the build's temporary folder, and keeps nothing. */
    public ImageBuild noLayerCache() {
        this.layerCache = Optional.empty();
        return this;
    }

    private LayerSettings layerSettings() {
        if (layerCache == null) {
            layerCache = LayerSettings.defaultCache();
        }
        return new LayerSettings(compression, layerCache);
    }

    /** Creates the repository first when it is missing (ECR), with default settings. */
    public ImageBuild createRepository() {
        return createRepository(RepositoryOptions.defaults());
    }

    /** Creates the repository first when it is missing (ECR), with {@code options}. */
    public ImageBuild createRepository(RepositoryOptions options) {
        this.createRepository = Objects.requireNonNull(options, "options");
        return this;
    }

    // ---- images set in code ----

    /** Base image for an image set in code, e.g. {@code 127.0.0.1:5000/base/busybox:1}; default scratch. */
    public ImageBuild from(String baseImage) {
        code.from(ImageReference.parse(baseImage));
        programmatic = true;
        return this;
    }

    /** Adds a layer with {@code source} (file or folder; relative to the context) at {@code pathInImage}. */
    public ImageBuild layer(String source, String pathInImage) {
        return layer(context == null ? Path.of(source) : context.resolve(source), pathInImage);
    }

    /** Adds a layer with {@code source} (file or folder) at {@code pathInImage}. */
    public ImageBuild layer(Path source, String pathInImage) {
        code.layer(source, pathInImage);
        programmatic = true;
        return this;
    }

    public ImageBuild entrypoint(String... command) {
        code.entrypoint(List.of(command));
        programmatic = true;
        return this;
    }

    public ImageBuild cmd(String... command) {
        code.cmd(List.of(command));
        programmatic = true;
        return this;
    }

    public ImageBuild env(String name, String value) {
        code.env(name, value);
        programmatic = true;
        return this;
    }

    public ImageBuild user(String value) {
        code.user(value);
        programmatic = true;
        return this;
    }

    public ImageBuild workingDirectory(String value) {
        code.workingDirectory(value);
        programmatic = true;
        return this;
    }

    /** Exposes a TCP port ({@code "8080"}) or a port with protocol ({@code "53/udp"}). */
    public ImageBuild exposedPort(String port) {
        code.exposedPort(port);
        programmatic = true;
        return this;
    }

    public ImageBuild exposedPort(int port) {
        return exposedPort(Integer.toString(port));
    }

    /**
     * Builds and pushes under every tag; the tags point at the image only after all its blobs are stored.
     *
     * @return digest, pinned references and per-layer results
     * @throws EcrToolkitException (or a subclass naming the registry, repository or Dockerfile line)
     *         when the input is bad, no builder can build it, or the push fails
     */
    public PushResult push() {
        if (registry == null) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "this image has no registry to push to: "
                    + "build it with Registry.build(..) to push, or use writeTarball, writeOciLayout or loadInto");
        }
        if (tags.isEmpty()) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                    "no tag to push: call tag(\"repository:tag\") at least once");
        }
        ProgressListener events = ProgressListener.throttled(listener, Duration.ofMillis(100));
        if (createRepository != null) {
            registry.createRepository(tags.get(0).repository(), createRepository);
        }
        RegistrySession session = RegistrySession.of(registry);
        LayerSettings settings = layerSettings().withExecutor(session.executor());
        if (usesCode()) {
            Warmup.start(session, code.hasBase());
            return PushSteps.assembleAndPush(session, tags, events, settings, s -> assembleInCode(session::client, events, s));
        }
        BuildRequest request = request();
        ImageBuilder chosen = choose(request);
        if (chosen instanceof DaemonlessBuilder) {
            // a base image is read as JSON when it is resolved, on this thread; a scratch image needs none
            Warmup.start(session, false);
            return PushSteps.assembleAndPush(session, tags, events, settings,
                    s -> DockerfileImage.assemble(request, session::client, events, s));
        }
        return chosen.buildAndPush(request, PushTarget.of(registry, events));
    }

    /**
     * Builds without a daemon and writes the image as a tarball that {@code docker load} accepts,
     * tagged with every tag given. Base layers are streamed from their registry into the file.
     *
     * @throws EcrToolkitException when the build fails or the file cannot be written
     */
    public Path writeTarball(Path file) {
        return withDaemonlessImage(image -> ImageFiles.writeDockerTarball(image, tags, file));
    }

    /**
     * Builds without a daemon and writes the image as an OCI image layout folder (created or added to).
     *
     * @throws EcrToolkitException when the build fails or the folder cannot be written
     */
    public Path writeOciLayout(Path folder) {
        return withDaemonlessImage(image -> ImageFiles.writeOciLayout(image, tags, folder));
    }

    /**
     * Builds without a daemon and loads the image into {@code loader} (a Docker Engine), tagged with
     * every tag given, through a temporary {@code docker load} tarball.
     *
     * <pre>{@code
     * try (DockerEngine engine = DockerEngine.fromEnvironment()) {
     *     Image.build(Path.of("app")).tag("app:dev").loadInto(engine);
     * }
     * }</pre>
     *
     * @return the names the loader reports, e.g. {@code app:dev}
     * @throws EcrToolkitException when the build fails, or the loader refuses the image
     */
    public List<String> loadInto(ImageLoader loader) {
        Objects.requireNonNull(loader, "loader");
        if (tags.isEmpty()) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                    "no tag to load the image under: call tag(\"name:tag\") at least once");
        }
        Path tarball = null;
        try {
            tarball = Files.createTempFile("ecr-toolkit-image-", ".tar");
            return loader.load(writeTarball(tarball));
        } catch (java.io.IOException e) {
            throw new EcrToolkitException("cannot create a temporary file for the image: " + e.getMessage(), e);
        } finally {
            if (tarball != null) {
                try {
                    Files.deleteIfExists(tarball);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is not worth failing a load that worked
                }
            }
        }
    }

    private Path withDaemonlessImage(Function<AssembledImage, Path> write) {
        ProgressListener events = ProgressListener.throttled(listener, Duration.ofMillis(100));
        if (registry != null) {
            return withDaemonlessImage(write, events, RegistrySession.of(registry)::client);
        }
        try (BaseImageRegistries bases = new BaseImageRegistries(baseImages.baseImageCredentials(), baseImages.insecureLoopback())) {
            return withDaemonlessImage(write, events, bases::client);
        }
    }

    private Path withDaemonlessImage(Function<AssembledImage, Path> write, ProgressListener events,
                                     Function<String, RegistryClient> clients) {
        if (usesCode()) {
            try (Assembly assembly = assembleInCode(clients, events, layerSettings())) {
                return write.apply(assembly.image());
            }
        }
        BuildRequest request = request();
        BuildSupport support = new DaemonlessBuilder().supports(request);
        if (!support.supported()) {
            throw new BuildException("files can only be written by the daemonless builder: " + support.reason());
        }
        try (Assembly assembly = DockerfileImage.assemble(request, clients, events, layerSettings())) {
            return write.apply(assembly.image());
        }
    }

    private boolean usesCode() {
        if (programmatic || context == null) {
            return true;
        }
        checkContext();
        if (Files.isRegularFile(context.resolve(dockerfile))) {
            return false;
        }
        throw new BuildException("no " + dockerfile + " in " + context.toAbsolutePath()
                + ": add one, or set the image in code (from, layer, entrypoint, …)");
    }

    private void checkContext() {
        if (!Files.isDirectory(context)) {
            throw new BuildException("build context " + context.toAbsolutePath()
                    + " does not exist or is not a folder");
        }
    }

    private Assembly assembleInCode(Function<String, RegistryClient> clients, ProgressListener events, LayerSettings settings) {
        if (context != null) {
            checkContext();
        }
        if (!labelsApplied) {
            labels.forEach(code::label);
            labelsApplied = true;
        }
        ProgrammaticImage image = code.context(context).platform(platform == null ? Platform.DEFAULT : platform).build();
        Workspace workspace = Workspace.create();
        try {
            return new Assembly(image.assemble(clients, workspace.dir(), events, settings), workspace);
        } catch (RuntimeException | Error e) {
            workspace.close();
            throw e;
        }
    }

    private BuildRequest request() {
        BuildRequest.Builder b = BuildRequest.builder(context).dockerfile(dockerfile);
        buildArgs.forEach(b::buildArg);
        labels.forEach(b::label);
        if (platform != null) {
            b.platform(platform);
        }
        if (target != null) {
            b.target(target);
        }
        tags.forEach(b::tag);
        return b.build();
    }

    private ImageBuilder choose(BuildRequest request) {
        if (builder != null) {
            BuildSupport support = builder.supports(request);
            if (!support.supported()) {
                throw new BuildException("builder " + builder.name() + " cannot build "
                        + request.dockerfilePath() + ": " + support.reason());
            }
            return builder;
        }
        DaemonlessBuilder daemonless = new DaemonlessBuilder();
        BuildSupport own = daemonless.supports(request);
        if (own.supported()) {
            return daemonless;
        }
        List<String> refusals = new ArrayList<>();
        for (ImageBuilder candidate : ServiceLoader.load(ImageBuilder.class)) {
            if (candidate instanceof DaemonlessBuilder) {
                continue;
            }
            BuildSupport support = candidate.supports(request);
            if (support.supported()) {
                return candidate;
            }
            refusals.add(candidate.name() + ": " + support.reason());
        }
        throw new BuildException("cannot build " + request.dockerfilePath() + " without a daemon: "
                + own.reason() + (refusals.isEmpty()
                ? "; add io.github.ecrtoolkit:ecr-toolkit-docker to the classpath and run a Docker Engine, or pass builder(..)"
                : "; other builders refused too: " + String.join("; ", refusals)));
    }
}
