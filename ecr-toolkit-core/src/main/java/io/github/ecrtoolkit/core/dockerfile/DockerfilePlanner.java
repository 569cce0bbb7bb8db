package io.github.ecrtoolkit.core.dockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.dockerfile.internal.CopyWalks;
import io.github.ecrtoolkit.core.dockerfile.internal.StagePlanner;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.DockerIgnore;

/**
 * Plans a daemonless build of a Dockerfile in two steps: {@link #base()} says which image to
 * start from (so the caller can fetch its configuration), then {@link #plan(ContainerConfig)}
 * gives the layers, the resulting container configuration and the history.
 *
 * <pre>{@code
 * DockerfilePlanner planner = DockerfilePlanner.builder(Path.of("orders-service"))
 *         .buildArg("VERSION", "1.4.2")
 *         .build();                                   // parses Dockerfile, loads .dockerignore
 * BaseImage base = planner.base();                    // e.g. eclipse-temurin:21-jre for linux/amd64
 * BuildPlan plan = planner.plan(base.isScratch() ? ContainerConfig.empty() : fetchConfig(base));
 * }</pre>
 *
 * <p>Supported: {@code FROM} (scratch or an image, {@code --platform}, {@code ARG} before it,
 * {@code AS} with {@code --target}, an earlier stage whose instructions are all supported), {@code COPY}/{@code ADD} of local files ({@code --chown} with
 * numeric ids, {@code --chmod} octal, {@code --link}), {@code ENV}, {@code ARG}, {@code LABEL},
 * {@code WORKDIR}, {@code USER}, {@code EXPOSE}, {@code ENTRYPOINT}, {@code CMD}, {@code VOLUME},
 * {@code STOPSIGNAL}, {@code HEALTHCHECK}, {@code SHELL}, {@code MAINTAINER}, {@code ONBUILD}
 * (recorded; a base image's {@code COPY}/config triggers are run). Everything needing a
 * container ({@code RUN}, {@code COPY --from}, heredocs, remote {@code ADD}, archive extraction)
 * fails with a {@link DockerfileException} naming the line and the Docker Engine builder.
 *
 * <p>Immutable; {@link #plan} stats the context's files each time it is called (planners of one
 * build's platforms share their walks: see {@link #forPlatform}).
 */
public final class DockerfilePlanner {

    /** Platform used when the caller names none. */
    public static final String DEFAULT_PLATFORM = "linux/amd64";

    private final Path context;
    private final Dockerfile dockerfile;
    private final DockerIgnore ignore;
    private final Map<String, String> buildArgs;
    private final String platform;
    private final Optional<String> target;
    private final CopyWalks walks;
    private final StagePlanner stages;

    private DockerfilePlanner(Path context, Dockerfile dockerfile, DockerIgnore ignore, Map<String, String> buildArgs, String platform,
            Optional<String> target, CopyWalks walks) {
        this.context = context;
        this.dockerfile = dockerfile;
        this.ignore = ignore;
        this.buildArgs = Map.copyOf(buildArgs);
        this.platform = platform;
        this.target = target;
        this.walks = walks;
        this.stages = new StagePlanner(context, dockerfile, ignore, this.buildArgs, platform, target, walks);
    }

    /** A planner for the build context folder {@code context}. */
    public static Builder builder(Path context) {
        return new Builder(context);
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public Path context() {
        return context;
    }

    /** The ignore rules applied to the context. */
    public DockerIgnore ignore() {
        return ignore;
    }

    /** The platform the image is built for, e.g. {@code linux/amd64}. */
    public String platform() {
        return platform;
    }

    /**
     * A planner of the same build for another platform: the same context, Dockerfile, ignore rules,
     * build arguments and target, with {@code TARGETARCH} and the like for {@code otherPlatform}.
     * The two share their walks: a {@code COPY} whose sources, destination and options come out the
     * same for both is the same layer, and the second to plan it reuses the first's walk of its
     * folders instead of walking them again.
     *
     * <pre>{@code
     * DockerfilePlanner amd64 = DockerfilePlanner.builder(context).platform("linux/amd64").build();
     * DockerfilePlanner arm64 = amd64.forPlatform("linux/arm64");
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code otherPlatform} is not {@code os/arch[/variant]}
     */
    public DockerfilePlanner forPlatform(String otherPlatform) {
        return new DockerfilePlanner(context, dockerfile, ignore, buildArgs, Builder.checkPlatform(otherPlatform), target, walks);
    }

    /**
     * The {@code FROM} of the stage to build, with build arguments substituted; when that stage
     * starts FROM an earlier stage, the {@code FROM} where that chain begins.
     *
     * @throws DockerfileException when the {@code FROM} is malformed
     */
    public BaseImage base() {
        return stages.base();
    }

    /**
     * Checks, from the instructions alone, that {@link #plan} can build this Dockerfile: every
     * instruction of the stages to build is applied as {@link #plan} applies it over
     * {@link ContainerConfig#empty()}, and each {@code COPY}/{@code ADD} source is found (a named
     * file is stat-ed, a pattern matched), but no folder is walked, so this costs a few system
     * calls whatever the size of the context. A decision whether to build daemonless needs no more.
     *
     * @throws DockerfileException when an instruction cannot be honoured without a Docker Engine
     *                             (its {@link DockerfileException#hint()} is then
     *                             {@link DockerfileException#USE_DOCKER_ENGINE}), is malformed, or
     *                             names a source that is missing, excluded or outside the context
     */
    public void check() {
        stages.check();
    }

    /**
     * Plans the build on top of a base image whose container configuration is {@code baseConfig}
     * ({@link ContainerConfig#empty()} for {@code scratch}).
     *
     * @throws DockerfileException when an instruction cannot be honoured without a Docker Engine,
     *                             is malformed, or copies files that are missing, excluded, or
     *                             leave the context (the message names the line and the file)
     */
    public BuildPlan plan(ContainerConfig baseConfig) {
        return stages.plan(Objects.requireNonNull(baseConfig, "baseConfig"));
    }

    @Override
    public String toString() {
        return "DockerfilePlanner[" + context + ", " + dockerfile.fileName() + ", " + platform + target.map(t -> ", target " + t).orElse("")
                + ", build args " + buildArgs.keySet() + "]";
    }

    /** Not thread-safe. */
    public static final class Builder {
        private final Path context;
        private String dockerfileName = "Dockerfile";
        private Dockerfile dockerfile;
        private DockerIgnore ignore;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private String platform = DEFAULT_PLATFORM;
        private String target;

        private Builder(Path context) {
            this.context = Objects.requireNonNull(context, "context").toAbsolutePath().normalize();
        }

        /** The Dockerfile's path relative to the context; default {@code Dockerfile}. */
        public Builder dockerfile(String relativePath) {
            this.dockerfileName = Objects.requireNonNull(relativePath, "relativePath");
            return this;
        }

        /** An already parsed Dockerfile (its ignore file is looked up by its file name). */
        public Builder dockerfile(Dockerfile parsed) {
            this.dockerfile = Objects.requireNonNull(parsed, "parsed");
            this.dockerfileName = parsed.fileName();
            return this;
        }

        /** Ignore rules; default: those {@link DockerIgnore#load} finds for the Dockerfile. */
        public Builder ignore(DockerIgnore rules) {
            this.ignore = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Sets a build argument ({@code --build-arg NAME=value}). */
        public Builder buildArg(String name, String value) {
            buildArgs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds build arguments. */
        public Builder buildArgs(Map<String, String> args) {
            args.forEach(this::buildArg);
            return this;
        }

        /** Target platform {@code os/arch[/variant]}; default {@value DockerfilePlanner#DEFAULT_PLATFORM}. */
        public Builder platform(String newPlatform) {
            this.platform = checkPlatform(newPlatform);
            return this;
        }

        private static String checkPlatform(String platform) {
            if (!Objects.requireNonNull(platform, "platform").matches("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")) {
                throw new IllegalArgumentException("platform must be os/arch[/variant], e.g. linux/amd64, was '" + platform + "'");
            }
            return platform;
        }

        /** The stage to build ({@code --target}); default the last. */
        public Builder target(String stage) {
            this.target = Objects.requireNonNull(stage, "stage");
            return this;
        }

        /**
         * Parses the Dockerfile and loads the ignore rules.
         *
         * @throws DockerfileException when the Dockerfile is missing, outside the context or malformed,
         *                             or the target stage does not exist
         * @throws io.github.ecrtoolkit.core.layer.LayerException when the ignore file is unreadable
         */
        public DockerfilePlanner build() {
            if (!Files.isDirectory(context)) {
                throw new DockerfileException(dockerfileName, 0, null, "the build context " + context + " is not a folder",
                        "Pass the folder that holds the Dockerfile and the files it copies.");
            }
            Dockerfile parsed = dockerfile != null ? dockerfile : Dockerfile.read(context, dockerfileName);
            DockerIgnore rules = ignore != null ? ignore : DockerIgnore.load(context, dockerfileName);
            return new DockerfilePlanner(context, parsed, rules, buildArgs, platform, Optional.ofNullable(target), new CopyWalks());
        }
    }
}
