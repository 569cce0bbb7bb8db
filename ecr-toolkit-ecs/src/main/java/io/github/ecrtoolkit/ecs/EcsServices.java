package io.github.ecrtoolkit.ecs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.core.deploy.internal.DefaultImagePlatforms;
import io.github.ecrtoolkit.ecs.internal.DeploySettings;
import io.github.ecrtoolkit.ecs.internal.DownRun;
import io.github.ecrtoolkit.ecs.internal.ScaleRun;
import io.github.ecrtoolkit.ecs.internal.ServiceClients;
import io.github.ecrtoolkit.ecs.internal.StatusRead;
import io.github.ecrtoolkit.ecs.internal.UpRun;
import io.github.ecrtoolkit.ecs.internal.UrlProbe;

/**
 * Takes an image from zero to a running ECS service, and keeps it there: {@link #up} creates what
 * is missing (cluster, task execution role, log group, security group, task definition, service)
 * and changes what differs, then waits and reports the truth; {@link #scale}, {@link #status} and
 * {@link #down} do what they say. Running {@code up} again with the same spec and image changes
 * nothing; a new image, capacity or count goes through the same truthful rollout as
 * {@link EcsDeployer} (watched by deployment id, rolled back by the circuit breaker on failure).
 *
 * <pre>{@code
 * EcsServiceSpec orders = EcsServiceSpec.fargate("orders").cluster("prod")
 *         .cpu(256).memoryMiB(512).architecture(CpuArchitecture.ARM64)
 *         .port(8080).desiredCount(2).publicIngress(true).build();
 * try (EcsServices ecs = EcsServices.create()) {
 *     EcsUpResult up = ecs.up(orders, pushed.imageUri());
 *     up.outcome();     // SUCCEEDED
 *     up.endpoints();   // [http://203.0.113.7:8080, http://203.0.113.9:8080]
 *     ecs.scale(orders.service(), 4);
 *     ecs.down(orders.service());   // removes what up created for it, nothing else
 * }
 * }</pre>
 *
 * <p>With {@link EcsServiceSpec#express}, {@code up} makes an ECS Express Mode service (its own HTTPS
 * load balancer) and waits until its URL answers the health check path.
 *
 * <p>Everything {@code up} creates is tagged {@code ecr-toolkit:managed-by=ecr-toolkit} and
 * {@code ecr-toolkit:service=<cluster>/<name>}; {@code down} removes only resources with those
 * tags. Throttled calls are tried again; a role IAM has just created, which ECS may refuse for a
 * few seconds, is waited for with a bounded retry (reported as {@link EcsDeployEvent.RoleNotYetUsable}).
 * The caller needs the ECS, EC2, IAM ({@code iam:PassRole} on the execution role included) and
 * CloudWatch Logs permissions for what it creates, and with a target group the Elastic Load
 * Balancing reads ({@code DescribeTargetGroups}, {@code DescribeLoadBalancers}, {@code DescribeListeners}).
 * Before anything, {@code up} checks that an image on ECR is built for the spec's architecture, as
 * {@link EcsDeployer} does ({@link Builder#imagePlatforms}).
 *
 * <p>Thread-safe; share one. Closing it closes the clients it built, never those passed in.
 */
public final class EcsServices implements AutoCloseable {

    private final ServiceClients clients;
    private final DeploySettings settings;
    private final Duration timeout;
    private final DeployListener listener;
    private final UrlProbe urlProbe;

    private EcsServices(Builder builder) {
        this.clients = ServiceClients.of(builder.ecs, builder.ec2, builder.iam, builder.logs, builder.elb);
        this.settings = new DeploySettings(builder.pollInterval, builder.maxBackoff, 0, Optional.empty(),
                Duration.ofMinutes(10), 0, builder.clock, builder.sleeper, builder.imagePlatforms != null
                        ? builder.imagePlatforms : DefaultImagePlatforms.like(clients.ecs().serviceClientConfiguration()));
        this.timeout = builder.timeout;
        this.listener = builder.listener;
        this.urlProbe = builder.urlProbe;
    }

    /**
     * With clients from the default credentials and region chains; close it when done.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when no AWS region is configured
     */
    public static EcsServices create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What {@link #up} would do, without changing anything (a dry run): one change per resource. The
     * image's platforms are checked as {@code up} checks them (reads of ECR only).
     *
     * @throws PlatformMismatchException when {@code up} would refuse the image for its platforms
     * @throws EcsNoDefaultVpcException when the spec names no subnets and the account has no default VPC
     * @throws EcsAccessDeniedException when a read is refused
     * @throws EcsException when another call fails
     * @throws IllegalArgumentException when the image reference is blank
     */
    public EcsPlan plan(EcsServiceSpec spec, String image) {
        Objects.requireNonNull(spec, "spec");
        return new UpRun(clients, settings, listener, spec, image, timeout, urlProbe).plan();
    }

    /**
     * Makes the account match the spec, running {@code image}, and waits until every desired task runs
     * it (or it fails, rolls back, or the timeout passes). The plan is reported as
     * {@link EcsDeployEvent.ChangePlanned} events first.
     *
     * @return the outcome, the plan, and the endpoints; a rollout that fails or rolls back is a result
     * @throws EcsNoDefaultVpcException when the spec names no subnets and the account has no default VPC;
     *         nothing was created
     * @throws EcsAccessDeniedException when a call is refused; the message names the permission and what
     *         was created before (all tagged, so {@link #down} finds it)
     * @throws EcsUnsupportedControllerException when the existing service is deployed by CodeDeploy or an
     *         external controller
     * @throws PlatformMismatchException when the image is known ({@link Builder#imagePlatforms}) to be built
     *         for other platforms than Linux on the spec's architecture; nothing was read or changed
     * @throws io.github.ecrtoolkit.core.registry.ManifestNotFoundException when the image is on ECR and not in
     *         its repository (push it first); nothing was changed
     * @throws EcsException when another call fails
     * @throws IllegalArgumentException when the image reference is blank
     */
    public EcsUpResult up(EcsServiceSpec spec, String image) {
        Objects.requireNonNull(spec, "spec");
        return new UpRun(clients, settings, listener, spec, image, timeout, urlProbe).run();
    }

    /**
     * Sets the number of tasks and waits until that many run; FAILED, with the stopped tasks' reasons,
     * when new tasks fail to start.
     *
     * @throws EcsServiceNotFoundException when the service does not exist
     * @throws EcsAccessDeniedException when a call is refused
     * @throws EcsException when another call fails
     * @throws IllegalArgumentException when the count is negative
     */
    public EcsScaleResult scale(EcsService service, int desiredCount) {
        Objects.requireNonNull(service, "service");
        if (desiredCount < 0) {
            throw new IllegalArgumentException("desiredCount must be >= 0, was " + desiredCount);
        }
        return new ScaleRun(clients, settings, listener, service, desiredCount, timeout).run();
    }

    /**
     * The service now: revision, counts, deployments, tasks, endpoints.
     *
     * @throws EcsServiceNotFoundException when the service does not exist
     * @throws EcsException when a call fails
     */
    public EcsServiceStatus status(EcsService service) {
        Objects.requireNonNull(service, "service");
        return new StatusRead(clients, settings, service).read();
    }

    /**
     * Removes the service and what {@code up} created for it (revisions, security group, log group);
     * keeps the shared cluster and execution role. Same as {@code down(service, EcsDownOptions.defaults())}.
     *
     * @throws EcsException with {@code CONFLICT} when the service exists but was not created by {@code up};
     *         nothing was changed
     */
    public EcsDownResult down(EcsService service) {
        return down(service, EcsDownOptions.defaults());
    }

    /**
     * Removes the service and what {@code up} created for it; only resources carrying its tag.
     *
     * @throws EcsException with {@code CONFLICT} when the service exists but was not created by {@code up};
     *         nothing was changed
     * @throws EcsAccessDeniedException when a call is refused
     */
    public EcsDownResult down(EcsService service, EcsDownOptions options) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(options, "options");
        return new DownRun(clients, settings, listener, service, options, timeout).run();
    }

    /** Closes the clients this built; clients passed in stay open. */
    @Override
    public void close() {
        clients.close();
    }

    /** Settings. Not thread-safe; the {@link EcsServices} it builds is. */
    public static final class Builder {
        private EcsClient ecs;
        private Ec2Client ec2;
        private IamClient iam;
        private CloudWatchLogsClient logs;
        private ElasticLoadBalancingV2Client elb;
        private Duration timeout = DeployOptions.DEFAULT_TIMEOUT;
        private DeployListener listener = DeployListener.NONE;
        private Duration pollInterval = Duration.ofSeconds(6);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.THREAD;
        private UrlProbe urlProbe = UrlProbe.HTTP;
        private ImagePlatforms imagePlatforms;

        private Builder() {
        }

        /** How an Express Mode service's URL is checked; for tests, where {@code *.on.aws} does not resolve. */
        Builder urlProbe(UrlProbe probe) {
            this.urlProbe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        /** The ECS client; not closed by us. Default: built from the default chains. */
        public Builder ecsClient(EcsClient client) {
            this.ecs = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The EC2 client; not closed by us. Default: built in the ECS client's region. */
        public Builder ec2Client(Ec2Client client) {
            this.ec2 = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The IAM client; not closed by us. */
        public Builder iamClient(IamClient client) {
            this.iam = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The CloudWatch Logs client; not closed by us. Default: built in the ECS client's region. */
        public Builder logsClient(CloudWatchLogsClient client) {
            this.logs = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The Elastic Load Balancing client, used only for a spec with a target group; not closed by us.
         * Default: built in the ECS client's region.
         */
        public Builder elbClient(ElasticLoadBalancingV2Client client) {
            this.elb = Objects.requireNonNull(client, "client");
            return this;
        }

        /** How long {@code up}, {@code scale} and {@code down} wait for ECS; default 15 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = DeploySettings.positive(timeout, "timeout");
            return this;
        }

        /** Receives the plan, each change, progress, stopped tasks; default none. */
        public Builder listener(DeployListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Time between polls (with +-20% jitter); default 6 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = DeploySettings.positive(pollInterval, "pollInterval");
            return this;
        }

        /** Longest wait while AWS throttles; default 1 min. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = DeploySettings.positive(maxBackoff, "maxBackoff");
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
         * How {@code up} learns which platforms an image runs on: an image built for other platforms than
         * Linux on the spec's {@link EcsServiceSpec#architecture() architecture} (what the task definition
         * asks for, on Fargate or EC2) is refused with a {@link PlatformMismatchException} before anything
         * is read or created.
         *
         * <p>Default, as {@link EcsDeployer.Builder#imagePlatforms}: images on Amazon ECR are read with the
         * ECS client's credentials (through its endpoint override unless that is an AWS host); a missing
         * image is refused ("push it first"); when ECR refuses or cannot be reached the check is skipped
         * with a WARN line and an {@link EcsDeployEvent.PlatformCheckSkipped} event; other registries'
         * images are not checked. It needs {@code ecr:GetAuthorizationToken}, {@code ecr:BatchGetImage}
         * and {@code ecr:GetDownloadUrlForLayer} (optional rows of the {@code ecs-up} policy).
         *
         * <pre>{@code
         * EcsServices.builder().imagePlatforms(ImagePlatforms.from(registry))   // images on your own registry
         * EcsServices.builder().imagePlatforms(ImagePlatforms.UNKNOWN)          // no check at all
         * }</pre>
         */
        public Builder imagePlatforms(ImagePlatforms lookup) {
            this.imagePlatforms = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * @throws io.github.ecrtoolkit.core.EcrToolkitException when a client must be built and no AWS region
         *         is configured
         */
        public EcsServices build() {
            return new EcsServices(this);
        }
    }
}
