package io.github.ecrtoolkit.ecs;

import io.github.ecrtoolkit.core.AwsRegions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.Deployer;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.core.deploy.internal.DefaultImagePlatforms;
import io.github.ecrtoolkit.ecs.internal.DeployRun;
import io.github.ecrtoolkit.ecs.internal.DeploySettings;
import io.github.ecrtoolkit.ecs.internal.EcsClients;
import io.github.ecrtoolkit.ecs.internal.TaskRunner;

/**
 * Rolls an image out to an ECS service and reports the truth: it registers a new task definition
 * revision (a copy of the current one with the new image), updates the service, and watches that
 * deployment by its id until it succeeds, is rolled back, fails or runs out of time.
 *
 * <pre>{@code
 * try (EcsDeployer deployer = EcsDeployer.create()) {
 *     EcsDeployResult r = deployer.deploy(EcsService.of("prod", "orders"), pushed.imageUri(),
 *             opts -> opts.container("web").timeout(Duration.ofMinutes(10)).rollbackOnFailure(true));
 *     switch (r.outcome()) {
 *         case SUCCEEDED -> log.info("serving {}", r.newTaskDefinition().orElseThrow());
 *         case ROLLED_BACK, FAILED -> log.error("{}; stopped tasks: {}", r.reason().orElse(""), r.stoppedTasks());
 *         case TIMED_OUT -> log.warn("still rolling out: {}", r.reason().orElse(""));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: one deployer may run several deploys at once; share it. Services whose
 * deployments CodeDeploy or an external controller runs are refused. Closing the deployer closes
 * the ECS client it created, never one the caller passed in.
 */
public final class EcsDeployer implements Deployer<EcsService, EcsDeployResult> {

    /** The client we built, or the caller's lent so that closing it does nothing. */
    private final EcsClient client;
    private final DeploySettings settings;

    private EcsDeployer(Builder builder) {
        this.client = EcsClients.of(builder.client);
        this.settings = new DeploySettings(builder.pollInterval, builder.maxBackoff, builder.failedTaskThreshold,
                Optional.ofNullable(builder.rollbackAfter), builder.rollbackTimeout, builder.keepRevisions,
                builder.clock, builder.sleeper, builder.imagePlatforms != null ? builder.imagePlatforms
                        : DefaultImagePlatforms.like(client.serviceClientConfiguration()));
    }

    /**
     * A deployer with its own ECS client (default credentials and region chains); close it when done.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when no AWS region is configured
     */
    public static EcsDeployer create() {
        return builder().build();
    }

    /** A deployer that uses {@code client}; the client is not closed by us. */
    public static EcsDeployer create(EcsClient client) {
        return builder().client(client).build();
    }

    /** For ECS-specific settings: poll interval, fail-fast threshold, clean-up of old revisions. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Rolls {@code image} out to the service and waits until the deployment settles or the timeout passes.
     *
     * @param image a reference such as {@code 1234.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2}; with a
     *        digest ({@code ...@sha256:..}) the revision is pinned to it
     * @return the outcome; a rollout that fails, rolls back or times out is a result, not an exception
     * @throws EcsServiceNotFoundException when the cluster or service does not exist; nothing was changed
     * @throws EcsUnknownContainerException when a named container is not in the task definition (or none
     *         was named and it has several); nothing was registered or updated
     * @throws EcsUnsupportedControllerException when CodeDeploy or an external controller runs the
     *         service's deployments; nothing was registered or updated
     * @throws EcsAccessDeniedException when ECS refuses the credentials
     * @throws PlatformMismatchException when the image is known ({@link Builder#imagePlatforms}) to be
     *         built for other platforms than the task definition's {@code runtimePlatform} (x86_64 without
     *         one); nothing was registered or updated
     * @throws io.github.ecrtoolkit.core.registry.ManifestNotFoundException when the image is on ECR and
     *         not in its repository (push it first); nothing was registered or updated
     * @throws EcsException when another ECS call fails
     * @throws IllegalArgumentException when the image reference is blank
     */
    @Override
    public EcsDeployResult deploy(EcsService target, String image, DeployOptions options) {
        return deploy(target, image, options, Map.of());
    }

    /**
     * Same as {@link #deploy(EcsService, String, DeployOptions)}, and also sets (or replaces) secrets in
     * the chosen containers: name to {@code valueFrom}, a Secrets Manager or SSM parameter ARN. A name
     * moves from the environment to the secrets (and back) rather than being in both.
     *
     * @throws EcsServiceNotFoundException when the cluster or service does not exist; nothing was changed
     * @throws EcsUnknownContainerException when a named container is not in the task definition
     * @throws EcsUnsupportedControllerException when the service does not use the ECS deployment controller
     * @throws EcsAccessDeniedException when ECS refuses the credentials
     * @throws EcsException when another ECS call fails
     */
    public EcsDeployResult deploy(EcsService target, String image, DeployOptions options, Map<String, String> secrets) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(secrets, "secrets");
        return new DeployRun(client, settings, target, image, options, secrets).run();
    }

    /**
     * Runs a one-off task (a migration, say) from the service's task definition with {@code image} in the
     * chosen container, where the service runs, and waits for it to stop.
     *
     * <pre>{@code
     * EcsTaskResult migration = deployer.runTask(EcsService.of("prod", "orders"), image,
     *         EcsTaskOptions.builder().container("web").command("bin/migrate").build());
     * migration.exitCodes();   // {web=0}
     * }</pre>
     *
     * @return SUCCEEDED when the chosen container exited with 0; the exit codes of every container
     * @throws EcsServiceNotFoundException when the cluster or service does not exist
     * @throws EcsUnknownContainerException when the named container is not in the task definition
     * @throws EcsUnsupportedControllerException when the service does not use the ECS deployment controller
     * @throws EcsAccessDeniedException when ECS refuses the credentials
     * @throws EcsException when another ECS call fails
     */
    public EcsTaskResult runTask(EcsService service, String image, EcsTaskOptions options) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(options, "options");
        return new TaskRunner(client, settings, service, image, options).run();
    }

    /**
     * Same as {@link #runTask(EcsService, String, EcsTaskOptions)}, options set on a builder.
     *
     * @throws EcsException as {@link #runTask(EcsService, String, EcsTaskOptions)} does
     */
    public EcsTaskResult runTask(EcsService service, String image, Consumer<EcsTaskOptions.Builder> options) {
        EcsTaskOptions.Builder builder = EcsTaskOptions.builder();
        options.accept(builder);
        return runTask(service, image, builder.build());
    }

    /** Closes the ECS client if this deployer created it; a client passed in stays open. */
    @Override
    public void close() {
        client.close();
    }

    /** Settings of a deployer. Not thread-safe; the deployer it builds is. */
    public static final class Builder {
        private EcsClient client;
        private Duration pollInterval = Duration.ofSeconds(6);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private int failedTaskThreshold;
        private Duration rollbackAfter;
        private Duration rollbackTimeout = Duration.ofMinutes(10);
        private int keepRevisions;
        private Clock clock = Clock.systemUTC();
        /** {@code null}: images on ECR, read with the ECS client's credentials. */
        private ImagePlatforms imagePlatforms;
        private Sleeper sleeper = Sleeper.THREAD;

        private Builder() {
        }

        /** The ECS client to use; it is not closed by us. Default: one built from the default chains. */
        public Builder client(EcsClient client) {
            this.client = Objects.requireNonNull(client, "client");
            // a misspelt region would otherwise surface as an unknown host on the first call
            AwsRegions.check(client.serviceClientConfiguration().region());
            return this;
        }

        /** Time between polls of the deployment (with +-20% jitter); default 6 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = DeploySettings.positive(pollInterval, "pollInterval");
            return this;
        }

        /** Longest wait while ECS throttles (the wait doubles from the poll interval up to it); default 1 min. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = DeploySettings.positive(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * With {@code rollbackOnFailure}: roll back once this many tasks of the deployment failed.
         * Default (0): like ECS's circuit breaker, half the desired count, at least 3, at most 200.
         */
        public Builder failedTaskThreshold(int failedTasks) {
            if (failedTasks < 0) {
                throw new IllegalArgumentException("failedTaskThreshold must be >= 0, was " + failedTasks);
            }
            this.failedTaskThreshold = failedTasks;
            return this;
        }

        /** With {@code rollbackOnFailure}: roll back when the deployment has not completed after this long. */
        public Builder rollbackAfter(Duration limit) {
            this.rollbackAfter = DeploySettings.positive(limit, "rollbackAfter");
            return this;
        }

        /** How long to wait for our own rollback, even past the caller's timeout; default 10 min. */
        public Builder rollbackTimeout(Duration rollbackTimeout) {
            this.rollbackTimeout = DeploySettings.positive(rollbackTimeout, "rollbackTimeout");
            return this;
        }

        /**
         * After a deploy settles, keep only the newest {@code revisions} active revisions of the family and
         * deregister older ones that no service of the cluster runs. Default 0: keep all.
         */
        public Builder keepRevisions(int revisions) {
            if (revisions < 0) {
                throw new IllegalArgumentException("keepRevisions must be >= 0, was " + revisions);
            }
            this.keepRevisions = revisions;
            return this;
        }

        /** The clock for timeouts and event times; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How to wait between polls; for tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * How the deployer learns which platforms an image runs on: an image built for other platforms than
         * the task definition's {@code runtimePlatform} (Linux on x86_64 without one) is refused with a
         * {@link PlatformMismatchException} before anything is registered.
         *
         * <p>Default: images on Amazon ECR are read ({@link ImagePlatforms#ecr}) with the ECS client's
         * credentials, and through its endpoint override unless that is an AWS host; an image that does
         * not exist is refused unchanged ("push it first"); when ECR refuses or cannot be reached the check
         * is skipped with a WARN line and an {@link EcsDeployEvent.PlatformCheckSkipped} event; images on
         * other registries are not checked. It needs {@code ecr:GetAuthorizationToken},
         * {@code ecr:BatchGetImage} and {@code ecr:GetDownloadUrlForLayer}.
         *
         * <pre>{@code
         * EcsDeployer.builder().imagePlatforms(ImagePlatforms.from(registry))   // images on your own registry
         * EcsDeployer.builder().imagePlatforms(ImagePlatforms.UNKNOWN)          // no check at all
         * }</pre>
         */
        public Builder imagePlatforms(ImagePlatforms lookup) {
            this.imagePlatforms = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * @throws io.github.ecrtoolkit.core.EcrToolkitException when no client was given and no AWS region
         *         is configured
         */
        public EcsDeployer build() {
            return new EcsDeployer(this);
        }
    }
}
