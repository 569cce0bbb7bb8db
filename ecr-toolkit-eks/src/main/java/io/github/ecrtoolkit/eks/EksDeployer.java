package io.github.ecrtoolkit.eks;

import io.github.ecrtoolkit.core.AwsRegions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.Deployer;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.internal.DefaultImagePlatforms;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.eks.internal.AppManifests;
import io.github.ecrtoolkit.eks.internal.AppObjects;
import io.github.ecrtoolkit.eks.internal.ClusterConnector;
import io.github.ecrtoolkit.eks.internal.DeploymentRollback;
import io.github.ecrtoolkit.eks.internal.ImagePatch;
import io.github.ecrtoolkit.eks.internal.JobRunner;
import io.github.ecrtoolkit.eks.internal.NodePlatforms;
import io.github.ecrtoolkit.eks.internal.KubernetesClients;
import io.github.ecrtoolkit.eks.internal.RolloutStatus;
import io.github.ecrtoolkit.eks.internal.RolloutWatcher;
import io.github.ecrtoolkit.eks.internal.StatusPoller;
import io.github.ecrtoolkit.eks.internal.Workloads;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Rolls an image out to a Deployment, StatefulSet or DaemonSet on EKS, waits like
 * {@code kubectl rollout status}, and rolls back like {@code kubectl rollout undo} — without the
 * {@code aws} CLI or a kubeconfig.
 *
 * <pre>{@code
 * try (EksDeployer deployer = EksDeployer.create("prod")) {
 *     EksDeployResult result = deployer.deploy(EksWorkload.deployment("shop", "web"), pushed.imageUri(),
 *             opts -> opts.container("web").timeout(Duration.ofMinutes(10)).rollbackOnFailure(true));
 * }
 * }</pre>
 *
 * <p>It also runs an image without a manifest ({@link #up(EksAppSpec, String)}: a generated
 * Deployment and Service), one-off tasks ({@link #runJob}), scales ({@link #scale(EksWorkload, int)})
 * and removes what {@code up} made ({@link #down}); each waits by the same rules.
 *
 * <p>On first use it checks who the caller is (STS), that the cluster is ACTIVE and that the caller
 * has an access entry where the cluster needs one, then opens one Kubernetes client for the cluster
 * that trusts the cluster's CA and signs in with EKS tokens (renewed every 14 minutes and on a 401).
 * Thread-safe. Clients passed to the builder are not closed by us; the ones we create are closed by
 * {@link #close()}.
 */
public final class EksDeployer implements Deployer<EksWorkload, EksDeployResult> {

    /** How often the rollout status is read. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    /** The field manager for server-side apply. */
    public static final String FIELD_MANAGER = "ecr-toolkit";

    private final String cluster;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    /** The default chain we built (it may hold refresh threads), closed with us; {@code null} when given. */
    private final SdkAutoCloseable ownCredentials;
    /** The caller's AWS clients, lent so that closing them does nothing; {@code null} when not given. */
    private final EksClient givenEks;
    private final StsClient givenSts;
    /** The caller's Kubernetes client, used as it is and never closed. */
    private final KubernetesClient givenKubernetes;
    private final Path kubeconfig;
    private final String kubeconfigContext;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    private EksClient eks;
    private StsClient sts;
    private KubernetesClient kubernetes;
    /** The Kubernetes client we opened, closed with us; {@code null} while none or the caller's is used. */
    private KubernetesClient ownKubernetes;
    private volatile EksClusterAccess access;
    private final ImagePlatforms imagePlatforms;
    private boolean closed;

    private EksDeployer(Builder b) {
        this.givenKubernetes = b.kubernetes;
        this.kubeconfig = b.kubeconfig;
        this.kubeconfigContext = b.kubeconfigContext;
        boolean eksMode = b.kubernetes == null && b.kubeconfig == null;
        if (eksMode && b.cluster == null) {
            throw new IllegalArgumentException("name the EKS cluster, or pass a kubeconfig or KubernetesClient");
        }
        this.cluster = b.cluster;
        this.region = eksMode && b.region == null ? defaultRegion(b.cluster) : b.region;
        DefaultCredentialsProvider defaults = eksMode && b.credentials == null
                ? DefaultCredentialsProvider.builder().build() : null;
        this.ownCredentials = defaults;
        this.credentials = defaults != null ? defaults : b.credentials;
        this.givenEks = b.eks == null ? null : AwsClients.notClosed(EksClient.class, b.eks);
        this.givenSts = b.sts == null ? null : AwsClients.notClosed(StsClient.class, b.sts);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.pollInterval = b.pollInterval;
        this.imagePlatforms = b.imagePlatforms != null ? b.imagePlatforms : defaultImagePlatforms();
    }

    /**
     * Images on ECR, read with this deployer's credentials (given, else the EKS client's, else the
     * default chain) and through the endpoint its AWS clients are pointed at (a stand-in, say).
     */
    private ImagePlatforms defaultImagePlatforms() {
        Optional<AwsServiceClientConfiguration> lent = Optional.<SdkClient>ofNullable(givenEks).or(() -> Optional.ofNullable(givenSts))
                .map(client -> (AwsServiceClientConfiguration) client.serviceClientConfiguration());
        IdentityProvider<? extends AwsCredentialsIdentity> identity = credentials != null ? credentials
                : lent.<IdentityProvider<? extends AwsCredentialsIdentity>>map(AwsServiceClientConfiguration::credentialsProvider).orElse(null);
        return DefaultImagePlatforms.of(identity, lent.flatMap(AwsServiceClientConfiguration::endpointOverride));
    }

    /**
     * A deployer for EKS cluster {@code cluster}; region and credentials from the AWS default chains.
     * Nothing is called until the first deploy.
     *
     * @throws IllegalArgumentException when {@code cluster} is not a valid EKS cluster name
     * @throws EksException when no AWS region can be found
     */
    public static EksDeployer create(String cluster) {
        return builder().cluster(cluster).build();
    }

    /** For a region, your own AWS or Kubernetes clients, a kubeconfig, or the poll interval. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets the image of the chosen containers (all of {@code options.containers()}, or the only one),
     * records a {@code kubernetes.io/change-cause}, and waits like {@code kubectl rollout status}.
     * With {@code rollbackOnFailure}, a Deployment whose rollout fails is rolled back to the revision
     * that served before, and that rollback is waited for too (with the same time limit again). A
     * rollout that times out is left running: TIMED_OUT says it may still finish.
     *
     * @return SUCCEEDED, FAILED (progress deadline exceeded), ROLLED_BACK or TIMED_OUT
     * @throws EksWorkloadException when the workload is missing (and no manifest given), a container
     *         name is unknown, or its update strategy is {@code OnDelete}; nothing was changed
     * @throws EksAccessException when the caller may not use the cluster; nothing was changed
     * @throws EksClusterNotReadyException when the cluster is not ACTIVE; nothing was changed
     * @throws io.github.ecrtoolkit.core.deploy.PlatformMismatchException when the image is known
     *         ({@link Builder#imagePlatforms}) to lack the platform of a node the pods may run on
     *         ({@code kubernetes.io/arch}), or the one their {@code nodeSelector} names; nothing was changed
     * @throws io.github.ecrtoolkit.core.registry.ManifestNotFoundException when the image is on ECR and
     *         not in its repository (push it first); nothing was changed
     * @throws EksException when the cluster or the Kubernetes API cannot be reached
     */
    @Override
    public EksDeployResult deploy(EksWorkload workload, String image, DeployOptions options) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(options, "options");
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image must not be empty");
        }
        io.github.ecrtoolkit.core.image.ImageReference.parse(image); // a bad reference fails here, before any call
        Instant start = clock.instant();
        EventLog<DeployEvent> log = new EventLog<>(options.listener());
        KubernetesClient k8s = kubernetesClient();
        HasMetadata current = call(workload, () -> Workloads.resource(k8s, workload).get());
        if (current == null) {
            current = createFromManifest(k8s, workload);
        }
        Workloads.unsupportedStrategy(current).ifPresent(type -> {
            throw new EksWorkloadException(Reason.UNSUPPORTED, cluster, workload, workload.displayName() + " uses the "
                    + type + " update strategy: its pods change only when deleted, so a rollout cannot be awaited. "
                    + "Switch it to RollingUpdate.", null);
        });
        HasMetadata workloadNow = current;
        call(workload, () -> {
            NodePlatforms.require(k8s, cluster, workload, workloadNow, image, imagePlatforms,
                    why -> log.emit(new PlatformCheckSkipped(clock.instant(), workload, image, why)));
            return null;
        });
        ImagePatch patch;
        try {
            patch = ImagePatch.of(current, options.containers(), image, options.environment());
        } catch (IllegalArgumentException e) {
            throw new EksWorkloadException(cluster, workload, workload.displayName() + ": " + e.getMessage(), e);
        }
        Optional<String> previousRevision = Workloads.revision(current);
        RolloutWatcher watcher = new RolloutWatcher(k8s, workload, clock, sleeper, pollInterval, log);
        watcher.baseline();
        patch(k8s, workload, patch.operations());
        log.emit(new RolloutStarted(clock.instant(), workload, patch.images(), previousRevision));
        return finish(k8s, workload, image, previousRevision, watcher, options, log, start);
    }

    /**
     * Rolls a Deployment back to the revision before the current one, like {@code kubectl rollout
     * undo}, and waits for it ({@code options.timeout()}, {@code options.listener()}).
     *
     * @return ROLLED_BACK when the restored revision serves; FAILED or TIMED_OUT otherwise
     * @throws EksWorkloadException when the workload is not a Deployment, is missing, or has no
     *         earlier revision
     * @throws EksAccessException when the caller may not use the cluster
     */
    public EksDeployResult rollback(EksWorkload workload, DeployOptions options) {
        return rollback(workload, Optional.empty(), options);
    }

    /**
     * Rolls a Deployment back to {@code revision} (as {@code kubectl rollout history} lists it).
     *
     * @return ROLLED_BACK when the restored revision serves; FAILED or TIMED_OUT otherwise
     * @throws EksWorkloadException when the workload is not a Deployment, is missing, or has no
     *         such revision
     * @throws EksAccessException when the caller may not use the cluster
     */
    public EksDeployResult rollback(EksWorkload workload, long revision, DeployOptions options) {
        return rollback(workload, Optional.of(revision), options);
    }

    /**
     * Runs {@code app} with {@code image}: generates its Deployment and (with ports) its Service,
     * applies them with server-side apply under the field manager {@value #FIELD_MANAGER} (creating
     * the namespace when missing), then waits like {@link #deploy} and, with
     * {@code rollbackOnFailure}, rolls a failed update back. Running it again with another image is
     * an update; the replica count comes from the spec each time.
     *
     * @return SUCCEEDED, FAILED, ROLLED_BACK or TIMED_OUT
     * @throws EksWorkloadException when a Deployment of that name exists that ecr-toolkit did not make
     *         ({@link Reason#CONFLICT}): nothing was changed
     * @throws io.github.ecrtoolkit.core.deploy.PlatformMismatchException when the image is known
     *         ({@link Builder#imagePlatforms}) to lack the platform of a node the pods may run on
     *         ({@code kubernetes.io/arch}); nothing was applied, not even the namespace
     * @throws io.github.ecrtoolkit.core.registry.ManifestNotFoundException when the image is on ECR and
     *         not in its repository (push it first); nothing was applied
     * @throws EksAccessException when the caller may not use the cluster or the namespace
     * @throws EksException when the Kubernetes API cannot be reached
     */
    public EksDeployResult up(EksAppSpec app, String image, DeployOptions options) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image must not be empty");
        }
        Instant start = clock.instant();
        EventLog<DeployEvent> log = new EventLog<>(options.listener());
        KubernetesClient k8s = kubernetesClient();
        EksWorkload workload = app.workload();
        Deployment wanted = AppManifests.deployment(app, image);
        call(workload, () -> {
            NodePlatforms.require(k8s, cluster, workload, wanted, image, imagePlatforms,
                    why -> log.emit(new PlatformCheckSkipped(clock.instant(), workload, image, why)));
            return null;
        });
        ensureNamespace(k8s, app.namespace());
        HasMetadata current = call(workload, () -> Workloads.resource(k8s, workload).get());
        if (current != null && !AppObjects.ours(current, FIELD_MANAGER)) {
            throw new EksWorkloadException(Reason.CONFLICT, cluster, workload, workload.displayName() + " exists and was "
                    + "not made by ecr-toolkit (no " + AppManifests.MANAGED_BY + "=" + AppManifests.MANAGER + " label), so "
                    + "up leaves it alone. Roll an image out to it with deploy(..), or choose another app name.", null);
        }
        Optional<String> previousRevision = current == null ? Optional.empty() : Workloads.revision(current);
        RolloutWatcher watcher = new RolloutWatcher(k8s, workload, clock, sleeper, pollInterval, log);
        watcher.baseline();
        call(workload, () -> KubernetesClients.apply(k8s, wanted, FIELD_MANAGER));
        if (!app.ports().isEmpty()) {
            call(workload, () -> KubernetesClients.apply(k8s, AppManifests.service(app), FIELD_MANAGER));
        }
        log.emit(new RolloutStarted(clock.instant(), workload, Map.of(app.name(), image), previousRevision));
        return finish(k8s, workload, image, previousRevision, watcher, options, log, start);
    }

    /**
     * Same as {@link #up(EksAppSpec, String, DeployOptions)} with {@link DeployOptions#defaults()}.
     *
     * @throws EksException as {@link #up(EksAppSpec, String, DeployOptions)} does
     */
    public EksDeployResult up(EksAppSpec app, String image) {
        return up(app, image, DeployOptions.defaults());
    }

    /**
     * Sets the replica count of a Deployment or StatefulSet and waits by the same rule as a rollout
     * (every replica updated and available).
     *
     * @return SUCCEEDED, FAILED or TIMED_OUT; {@link EksDeployResult#image()} is the serving image
     * @throws EksWorkloadException when the workload is missing ({@link Reason#NOT_FOUND}) or a
     *         DaemonSet ({@link Reason#UNSUPPORTED}: it runs one pod per node)
     * @throws EksAccessException when the caller may not use the cluster
     */
    public EksDeployResult scale(EksWorkload workload, int replicas, DeployOptions options) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(options, "options");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, was " + replicas);
        }
        if (workload.kind() == EksWorkload.Kind.DAEMON_SET) {
            throw new EksWorkloadException(Reason.UNSUPPORTED, cluster, workload, workload.displayName() + " is a DaemonSet: "
                    + "it runs one pod per node and has no replica count. Scale the nodes instead.", null);
        }
        Instant start = clock.instant();
        EventLog<DeployEvent> log = new EventLog<>(options.listener());
        KubernetesClient k8s = kubernetesClient();
        HasMetadata current = call(workload, () -> Workloads.resource(k8s, workload).get());
        if (current == null) {
            throw new EksWorkloadException(Reason.NOT_FOUND, cluster, workload, workload.displayName() + " not found", null);
        }
        Optional<String> revision = Workloads.revision(current);
        String image = Workloads.template(current).getSpec().getContainers().get(0).getImage();
        RolloutWatcher watcher = new RolloutWatcher(k8s, workload, clock, sleeper, pollInterval, log);
        watcher.baseline();
        patch(k8s, workload, List.of(Map.of("op", "add", "path", "/spec/replicas", "value", replicas)));
        return finish(k8s, workload, image, revision, watcher, options.toBuilder().rollbackOnFailure(false).build(), log,
                start);
    }

    /**
     * Same as {@link #scale(EksWorkload, int, DeployOptions)} with {@link DeployOptions#defaults()}.
     *
     * @throws EksException as {@link #scale(EksWorkload, int, DeployOptions)} does
     */
    public EksDeployResult scale(EksWorkload workload, int replicas) {
        return scale(workload, replicas, DeployOptions.defaults());
    }

    /**
     * Runs {@code image} once as a Kubernetes Job in {@code namespace} and waits for its end: exit
     * code, reason ({@code OOMKilled}, {@code DeadlineExceeded}, {@code BackoffLimitExceeded}) and the
     * last lines of its log. No retries unless {@link EksJobSpec.Builder#backoffLimit} says so.
     *
     * <pre>{@code
     * EksJobResult job = deployer.runJob("shop", image, j -> j.command("bin/migrate").activeDeadline(Duration.ofMinutes(10)));
     * }</pre>
     *
     * @return SUCCEEDED, FAILED or TIMED_OUT (the Job may still run then)
     * @throws EksException when a Job of that name exists ({@link Reason#CONFLICT}) or the API cannot be reached
     * @throws EksAccessException when the caller may not create Jobs there
     */
    public EksJobResult runJob(String namespace, String image, Consumer<EksJobSpec.Builder> job) {
        Objects.requireNonNull(job, "job");
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image must not be empty");
        }
        EksWorkload.checkNamespace(namespace);
        EksJobSpec.Builder builder = new EksJobSpec.Builder(defaultJobName());
        job.accept(builder);
        EksJobSpec spec = builder.build();
        KubernetesClient k8s = kubernetesClient();
        ensureNamespace(k8s, namespace);
        EventLog<DeployEvent> log = new EventLog<>(spec.listener());
        Instant start = clock.instant();
        String what = "job " + namespace + "/" + spec.name();
        try {
            k8s.resource(JobRunner.manifest(namespace, image, spec)).create();
        } catch (KubernetesClientException e) {
            throw translate(what, "Jobs in namespace " + namespace, null, e, "creating it");
        }
        log.emit(new JobProgress(clock.instant(), namespace, spec.name(), "created " + what + " running " + image));
        try {
            return new JobRunner(k8s, clock, new StatusPoller(clock, sleeper, pollInterval)).await(namespace, spec, start, log);
        } catch (KubernetesClientException e) {
            throw translate(what, "Jobs and pods in namespace " + namespace, null, e, "waiting for it");
        }
    }

    /**
     * Removes what {@link #up} made for {@code app}: its Deployment and Service, and only when they
     * carry ecr-toolkit's label (and, where the server records field managers, ours among them);
     * objects of the same name made by others are left alone. Waits until they are gone.
     *
     * @return what was removed, such as {@code deployment shop/web}; empty when nothing of ours was there
     * @throws EksAccessException when the caller may not delete there
     * @throws EksException when the API cannot be reached or an object is not gone in time
     */
    public List<String> down(EksAppSpec app) {
        Objects.requireNonNull(app, "app");
        KubernetesClient k8s = kubernetesClient();
        AppObjects objects = new AppObjects(k8s, FIELD_MANAGER, new StatusPoller(clock, sleeper, pollInterval));
        try {
            return objects.delete(app.namespace(), app.name(), clock.instant().plus(DeployOptions.DEFAULT_TIMEOUT));
        } catch (KubernetesClientException e) {
            throw translate("app " + app.namespace() + "/" + app.name(), "Deployments and Services in namespace "
                    + app.namespace(), null, e, "removing it");
        }
    }

    /**
     * Checks access without deploying: the caller's identity, the cluster's state and access entry.
     *
     * @throws EksAccessException when STS refuses the credentials or the principal has no access entry
     *         in a cluster that needs one
     * @throws EksClusterNotReadyException when the cluster is not ACTIVE
     * @throws IllegalStateException when this deployer uses a kubeconfig or a caller's client
     */
    public EksClusterAccess preflight() {
        if (cluster == null || givenKubernetes != null || kubeconfig != null) {
            throw new IllegalStateException("pre-flight checks an EKS cluster by name; this deployer uses "
                    + (kubeconfig != null ? "a kubeconfig" : "the caller's KubernetesClient"));
        }
        return ClusterConnector.preflight(cluster, eks(), sts()).access();
    }

    /**
     * The Kubernetes client this deployer uses, connecting first if needed. Closed by {@link #close()}
     * unless the caller passed it in.
     *
     * @throws EksAccessException when the caller may not use the cluster
     * @throws EksClusterNotReadyException when the cluster is not ACTIVE
     * @throws EksException when the cluster cannot be found or reached
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized KubernetesClient kubernetesClient() {
        if (closed) {
            throw new IllegalStateException("this EksDeployer is closed");
        }
        if (kubernetes == null) {
            if (givenKubernetes != null) {
                kubernetes = givenKubernetes;
            } else if (kubeconfig != null) {
                ownKubernetes = KubernetesClients.fromKubeconfig(kubeconfig, kubeconfigContext);
                kubernetes = ownKubernetes;
            } else {
                ClusterConnector.Connection connection = ClusterConnector.preflight(cluster, eks(), sts());
                EksTokenProvider tokens = EksTokenProvider.builder().cluster(cluster).region(region)
                        .credentialsProvider(credentials).clock(clock).build();
                access = connection.access();
                ownKubernetes = ClusterConnector.client(access.endpoint(), connection.caData(), tokens);
                kubernetes = ownKubernetes;
            }
        }
        return kubernetes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // a caller's AWS clients are lent with a close() that does nothing; its Kubernetes client is not ours
        if (ownKubernetes != null) {
            ownKubernetes.close();
        }
        if (eks != null) {
            eks.close();
        }
        if (sts != null) {
            sts.close();
        }
        if (ownCredentials != null) {
            ownCredentials.close();
        }
    }

    @Override
    public String toString() {
        return "EksDeployer[" + (cluster != null ? "cluster=" + cluster + ", region=" + region
                : kubeconfig != null ? "kubeconfig=" + kubeconfig : "caller's KubernetesClient") + "]";
    }

    /** Waits for the rollout just started and turns its end into the result, rolling back when asked. */
    private EksDeployResult finish(KubernetesClient k8s, EksWorkload workload, String image,
            Optional<String> previousRevision, RolloutWatcher watcher, DeployOptions options, EventLog<DeployEvent> log,
            Instant start) {
        RolloutWatcher.Result rollout = watcher.await(options.timeout());

        var result = EksDeployResult.builder().target(workload).image(image).previousRevision(previousRevision);
        Optional<String> newRevision = rollout.last() == null ? Optional.empty() : Workloads.revision(rollout.last());
        if (rollout.state() == RolloutStatus.State.DONE) {
            result.outcome(DeployOutcome.SUCCEEDED).newRevision(newRevision).servingRevision(newRevision)
                    .servingImages(images(rollout.last()));
        } else {
            newRevision = newRevision.filter(r -> !previousRevision.equals(Optional.of(r)));
            result.newRevision(newRevision).reason(rollout.reason());
            if (rollout.timedOut()) {
                result.outcome(DeployOutcome.TIMED_OUT);
            } else if (options.rollbackOnFailure() && workload.kind() == EksWorkload.Kind.DEPLOYMENT
                    && previousRevision.isPresent()) {
                rollbackAfterFailure(k8s, workload, previousRevision.get(), newRevision, rollout, watcher, options, log,
                        result);
            } else {
                result.outcome(DeployOutcome.FAILED);
            }
        }
        return result.podProblems(rollout.podProblems()).events(log.events())
                .elapsed(Duration.between(start, clock.instant())).build();
    }

    private EksDeployResult rollback(EksWorkload workload, Optional<Long> revision, DeployOptions options) {
        Objects.requireNonNull(workload, "workload");
        if (workload.kind() != EksWorkload.Kind.DEPLOYMENT) {
            throw new EksWorkloadException(Reason.UNSUPPORTED, cluster, workload, "rollback by revision works for "
                    + "Deployments; to undo a " + workload.kind().kubernetesKind() + " rollout, deploy the previous image "
                    + "to " + workload.displayName(), null);
        }
        Instant start = clock.instant();
        EventLog<DeployEvent> log = new EventLog<>(options.listener());
        KubernetesClient k8s = kubernetesClient();
        Deployment deployment = call(workload, () -> k8s.apps().deployments().inNamespace(workload.namespace())
                .withName(workload.name()).get());
        if (deployment == null) {
            throw new EksWorkloadException(Reason.NOT_FOUND, cluster, workload, workload.displayName() + " not found",
                    null);
        }
        DeploymentRollback plan;
        try {
            plan = DeploymentRollback.plan(k8s, deployment, revision);
        } catch (IllegalArgumentException e) {
            // the only thing the plan refuses is a revision the Deployment's history does not have
            throw new EksWorkloadException(Reason.NOT_FOUND, cluster, workload, workload.displayName() + ": "
                    + e.getMessage(), e);
        }
        RolloutWatcher watcher = new RolloutWatcher(k8s, workload, clock, sleeper, pollInterval, log);
        watcher.baseline();
        log.emit(new RollbackStarted(clock.instant(), workload, plan.fromRevision(), String.valueOf(plan.toRevision()),
                "requested"));
        patch(k8s, workload, plan.operations());
        RolloutWatcher.Result wait = watcher.await(options.timeout());
        Optional<String> now = wait.last() == null ? Optional.empty() : Workloads.revision(wait.last());
        var result = EksDeployResult.builder().target(workload)
                .image(plan.images().values().iterator().next())
                .previousRevision(plan.fromRevision())
                .newRevision(now);
        if (wait.state() == RolloutStatus.State.DONE) {
            result.outcome(DeployOutcome.ROLLED_BACK).servingRevision(now).servingImages(plan.images());
        } else {
            result.outcome(wait.timedOut() ? DeployOutcome.TIMED_OUT : DeployOutcome.FAILED).reason(wait.reason());
        }
        return result.podProblems(wait.podProblems()).events(log.events())
                .elapsed(Duration.between(start, clock.instant())).build();
    }

    private void rollbackAfterFailure(KubernetesClient k8s, EksWorkload workload, String previousRevision,
            Optional<String> failedRevision, RolloutWatcher.Result failed, RolloutWatcher watcher, DeployOptions options,
            EventLog<DeployEvent> log, EksDeployResult.Builder result) {
        String failure = failed.reason();
        DeploymentRollback plan;
        try {
            Deployment deployment = (Deployment) Workloads.resource(k8s, workload).get();
            if (deployment == null) {
                result.outcome(DeployOutcome.FAILED).reason(failure + "; nothing to roll back: the Deployment is gone");
                return;
            }
            plan = DeploymentRollback.plan(k8s, deployment, Optional.of(Long.parseLong(previousRevision)));
        } catch (RuntimeException e) {
            result.outcome(DeployOutcome.FAILED).reason(failure + "; could not roll back: " + e.getMessage());
            return;
        }
        log.emit(new RollbackStarted(clock.instant(), workload, failedRevision, previousRevision, failure));
        try {
            patch(k8s, workload, plan.operations());
        } catch (EksException e) {
            result.outcome(DeployOutcome.FAILED).reason(failure + "; could not roll back: " + e.getMessage());
            return;
        }
        RolloutWatcher.Result wait = watcher.await(options.timeout());
        if (wait.state() == RolloutStatus.State.DONE) {
            Optional<String> serving = Workloads.revision(wait.last());
            result.outcome(DeployOutcome.ROLLED_BACK).servingRevision(serving).servingImages(plan.images())
                    .reason(failure + "; rolled back to revision " + previousRevision
                            + serving.filter(s -> !s.equals(previousRevision)).map(s -> " (now numbered " + s + ")")
                                    .orElse(""));
        } else {
            result.outcome(DeployOutcome.FAILED).reason(failure + "; the rollback to revision " + previousRevision
                    + (wait.timedOut() ? " did not settle in time: " : " failed too: ") + wait.reason());
        }
    }

    private HasMetadata createFromManifest(KubernetesClient k8s, EksWorkload workload) {
        if (workload.manifest().isEmpty()) {
            throw new EksWorkloadException(Reason.NOT_FOUND, cluster, workload, workload.displayName() + " not found. "
                    + "Create it first, or pass a manifest with EksWorkload.withManifest(..)", null);
        }
        try {
            return KubernetesClients.createFromManifest(k8s, workload, FIELD_MANAGER);
        } catch (IllegalArgumentException e) {
            throw new EksWorkloadException(cluster, workload, "the manifest for " + workload.displayName()
                    + " does not fit: " + e.getMessage(), e);
        } catch (KubernetesClientException e) {
            throw translate(workload, e, "creating it from the manifest");
        }
    }

    private void patch(KubernetesClient k8s, EksWorkload workload, List<Map<String, Object>> operations) {
        String json = k8s.getKubernetesSerialization().asJson(operations);
        call(workload, () -> KubernetesClients.jsonPatch(Workloads.resource(k8s, workload), json));
    }

    private <T> T call(EksWorkload workload, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(workload, e, "reading or patching it");
        }
    }

    private EksException translate(EksWorkload workload, KubernetesClientException e, String doing) {
        return translate(workload.displayName(), workload.kind().kubernetesKind() + "s in namespace "
                + workload.namespace(), workload, e, doing);
    }

    /**
     * @param what the object concerned, for the message
     * @param allow what the principal needs, e.g. {@code Deployments in namespace shop}
     * @param workload the workload, for a conflict's exception; {@code null} for other objects
     */
    private EksException translate(String what, String allow, EksWorkload workload, KubernetesClientException e,
            String doing) {
        int code = e.getCode();
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
        if (code == 401 || code == 403) {
            String who = access == null ? "the caller" : access.principalArn();
            String hint = access == null ? "" : access.accessHint().map(h -> "; " + h).orElse("");
            throw new EksAccessException(cluster, access == null ? null : access.principalArn(), "Kubernetes "
                    + (code == 401 ? "did not accept the credentials of " : "forbids ") + who + " (HTTP " + code + ") on "
                    + what + " while " + doing + hint + ". Give the principal an access entry with "
                    + "an access policy (or an aws-auth mapping) that allows what this needs on " + allow + ".", e);
        }
        if (code == 409 || code == 422) {
            String message = workload != null
                    ? what + " changed while " + doing + " (HTTP " + code + ": " + detail + "); nothing was rolled out, retry"
                    : what + " conflicts with what is there while " + doing + " (HTTP " + code + ": " + detail + ")";
            return workload != null ? new EksWorkloadException(Reason.CONFLICT, cluster, workload, message, e)
                    : new EksException(Reason.CONFLICT, cluster, message, e);
        }
        Reason reason = code == 404 ? Reason.NOT_FOUND
                : code == 0 || code == 429 || code >= 500 ? Reason.UNAVAILABLE : Reason.FAILED;
        return new EksException(reason, cluster, "Kubernetes API call failed on " + what + " while "
                + doing + ": " + (code > 0 ? "HTTP " + code + " " : "") + detail, e);
    }

    /** A fresh cluster has only the default namespaces: make the app's, labelled as ours. */
    private void ensureNamespace(KubernetesClient k8s, String namespace) {
        try {
            if (k8s.namespaces().withName(namespace).get() == null) {
                k8s.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
                        .withLabels(Map.of(AppManifests.MANAGED_BY, AppManifests.MANAGER)).endMetadata().build()).create();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 409) {
                throw translate("namespace " + namespace, "namespaces", null, e, "making sure it exists");
            }
            // 403: the principal may use the namespace but not read namespaces; 409: made meanwhile
        }
    }

    /** {@code job-20261129-103000-3f2a}: sortable by time, unique enough for one namespace. */
    private String defaultJobName() {
        String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
        return "job-" + time + "-" + String.format("%04x", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    private static Map<String, String> images(HasMetadata workload) {
        Map<String, String> images = new java.util.LinkedHashMap<>();
        Workloads.template(workload).getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        return images;
    }

    private EksClient eks() {
        synchronized (this) {
            if (eks == null) {
                eks = givenEks != null ? givenEks : AwsClients.build(EksClient.builder().region(region)
                        .credentialsProvider(credentials));
            }
            return eks;
        }
    }

    private StsClient sts() {
        synchronized (this) {
            if (sts == null) {
                sts = givenSts != null ? givenSts : AwsClients.build(StsClient.builder().region(region)
                        .credentialsProvider(credentials));
            }
            return sts;
        }
    }

    private static Region defaultRegion(String cluster) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new EksException(AwsErrors.classify("EKS", "region lookup", e).reason(), cluster, "No AWS region for "
                    + "EKS cluster '" + cluster + "': set AWS_REGION, a profile region, or call "
                    + "EksDeployer.builder().region(..)", e);
        }
    }

    /** Not thread-safe: configure, then {@link #build()}. */
    public static final class Builder {
        private String cluster;
        private Region region;
        private AwsCredentialsProvider credentials;
        private EksClient eks;
        private StsClient sts;
        private KubernetesClient kubernetes;
        private Path kubeconfig;
        private String kubeconfigContext;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.THREAD;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        /** {@code null}: images on ECR, read with the deployer's AWS credentials. */
        private ImagePlatforms imagePlatforms;

        private Builder() {
        }

        /**
         * How the deployer learns which platforms an image runs on: an image that lacks the platform
         * ({@code kubernetes.io/arch}) of a node the pods may run on is refused with a
         * {@link io.github.ecrtoolkit.core.deploy.PlatformMismatchException} before anything is patched
         * ({@link EksDeployer#deploy}) or applied ({@link EksDeployer#up(EksAppSpec, String, DeployOptions)}).
         * Listing nodes needs {@code list} on {@code nodes}; without it (or without nodes) nothing is checked.
         *
         * <p>Default: images on Amazon ECR are read ({@link ImagePlatforms#ecr}) with the deployer's AWS
         * credentials ({@link #credentialsProvider}, else the EKS client's, else the default chain), through
         * the endpoint override of a given EKS or STS client unless that is an AWS host; an image that does
         * not exist is refused unchanged ("push it first"); when ECR refuses or cannot be reached the check is
         * skipped with a WARN line and a {@link PlatformCheckSkipped} event; images on other registries are
         * not checked. It needs {@code ecr:GetAuthorizationToken}, {@code ecr:BatchGetImage} and
         * {@code ecr:GetDownloadUrlForLayer} (optional rows of the {@code deploy-eks} policy).
         *
         * <pre>{@code
         * EksDeployer.builder().cluster("prod").imagePlatforms(ImagePlatforms.from(registry))   // your own registry
         * EksDeployer.builder().cluster("prod").imagePlatforms(ImagePlatforms.UNKNOWN)          // no check at all
         * }</pre>
         */
        public Builder imagePlatforms(ImagePlatforms lookup) {
            this.imagePlatforms = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** The EKS cluster name; its endpoint and CA come from {@code DescribeCluster}. */
        public Builder cluster(String cluster) {
            this.cluster = EksTokenProvider.checkClusterName(cluster);
            return this;
        }

        /** The cluster's region; default: the AWS default region chain. */
        public Builder region(Region region) {
            this.region = AwsRegions.check(region);
            return this;
        }

        /** Credentials for STS, EKS and the token; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** An EKS client to use; not closed by us. */
        public Builder eksClient(EksClient eks) {
            this.eks = Objects.requireNonNull(eks, "eks");
            return this;
        }

        /** An STS client to use for the pre-flight identity check; not closed by us. */
        public Builder stsClient(StsClient sts) {
            this.sts = Objects.requireNonNull(sts, "sts");
            return this;
        }

        /** Talk to Kubernetes through this client (no EKS lookup, no token); not closed by us. */
        public Builder kubernetesClient(KubernetesClient kubernetes) {
            this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
            return this;
        }

        /** Talk to Kubernetes as this kubeconfig says (its current context); we close that client. */
        public Builder kubeconfig(Path kubeconfig) {
            this.kubeconfig = Objects.requireNonNull(kubeconfig, "kubeconfig");
            return this;
        }

        /** Same as {@link #kubeconfig(Path)} with a named context. */
        public Builder kubeconfig(Path kubeconfig, String context) {
            this.kubeconfigContext = Objects.requireNonNull(context, "context");
            return kubeconfig(kubeconfig);
        }

        /** How often the rollout status is read; default {@link #DEFAULT_POLL_INTERVAL}. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Durations.positive("pollInterval", pollInterval);
            return this;
        }

        /** The clock for time limits, elapsed time and token signing; for tests. */
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
         * @throws IllegalArgumentException when neither a cluster, a kubeconfig nor a client is given
         * @throws EksException when a cluster is named, no region is given and none can be found
         */
        public EksDeployer build() {
            return new EksDeployer(this);
        }
    }
}
