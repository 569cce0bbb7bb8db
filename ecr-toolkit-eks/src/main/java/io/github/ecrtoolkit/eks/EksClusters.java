package io.github.ecrtoolkit.eks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.eks.internal.AwsCalls;
import io.github.ecrtoolkit.eks.internal.ClusterApi;
import io.github.ecrtoolkit.eks.internal.ClusterRoles;
import io.github.ecrtoolkit.eks.internal.DefaultVpcSubnets;
import io.github.ecrtoolkit.eks.internal.KubeconfigFile;
import io.github.ecrtoolkit.eks.internal.SubnetLookup;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.CreateClusterRequest;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Makes EKS clusters from nothing and takes them down: the IAM roles EKS needs, the cluster (EKS
 * Auto Mode by default, or a managed node group of EC2 workers), API access for the caller, and a
 * kubeconfig context — what {@code eksctl create cluster} does, from Java, with a truthful wait.
 *
 * <pre>{@code
 * try (EksClusters clusters = EksClusters.create()) {
 *     EksCluster cluster = clusters.up(EksClusterSpec.autoMode("shop").build());   // ~15 minutes the first time
 *     clusters.writeKubeconfig(cluster, Path.of(System.getProperty("user.home"), ".kube/config"));
 * }
 * }</pre>
 *
 * <p>{@link #up} is idempotent: it creates only what is missing (a second run changes nothing) and
 * waits until the cluster and its node group are ACTIVE, reporting each step to the listener. A
 * cluster EKS puts in {@code FAILED}, or a node group with health issues, ends in
 * {@link EksClusterFailedException} with EKS's reasons. Everything created is tagged
 * {@code ecr-toolkit/created-by=ecr-toolkit} and {@code ecr-toolkit/cluster=<name>};
 * {@link #deleteCluster} removes only clusters and roles carrying those tags.
 *
 * <p>The caller needs {@code iam:PassRole} on the roles it hands to EKS. Thread-safe; clients
 * passed to the builder are not closed by us, the ones we create are closed by {@link #close()}.
 */
public final class EksClusters implements AutoCloseable {

    /** How often cluster and node group status is read. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
    /** How long {@link #up} and {@link #deleteCluster} wait at most; cluster creation takes 10–15 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);


    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkAutoCloseable ownCredentials;
    private final EksClient givenEks;
    private final IamClient givenIam;
    private final Ec2Client givenEc2;
    private final Clock clock;
    private final Duration timeout;
    private final DeployListener listener;
    private final ClusterApi api;
    private EksClient eks;
    private IamClient iam;
    private Ec2Client ec2;
    private boolean closed;

    private EksClusters(Builder b) {
        this.region = b.region != null ? b.region : defaultRegion();
        DefaultCredentialsProvider defaults = b.credentials == null ? DefaultCredentialsProvider.builder().build() : null;
        this.ownCredentials = defaults;
        this.credentials = defaults != null ? defaults : b.credentials;
        this.givenEks = b.eks == null ? null : AwsClients.notClosed(EksClient.class, b.eks);
        this.givenIam = b.iam == null ? null : AwsClients.notClosed(IamClient.class, b.iam);
        this.givenEc2 = b.ec2 == null ? null : AwsClients.notClosed(Ec2Client.class, b.ec2);
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.api = new ClusterApi(this::eks, b.clock, b.sleeper, b.pollInterval, b.timeout);
    }

    /**
     * Region and credentials from the AWS default chains.
     *
     * @throws EksException when no AWS region can be found
     */
    public static EksClusters create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes what is missing of {@code spec} and waits until the cluster (and its node group) is
     * ACTIVE: the cluster role and node role with the managed policies EKS requires, the cluster
     * with API authentication and admin access for the caller, the node group. A cluster that exists
     * is waited for, not changed.
     *
     * @return the cluster, with {@link EksCluster#changes()} listing what this call did
     * @throws EksClusterFailedException when the cluster ends FAILED or the node group with health issues
     * @throws EksClusterNotReadyException when the time limit passes first (creation goes on)
     * @throws EksException when no subnets can be found, a role exists without the policies EKS needs
     *         ({@link Reason#CONFLICT}), the cluster is being deleted, or an AWS call fails
     * @throws EksAccessException when AWS denies a call; the message names the IAM action
     */
    public EksCluster up(EksClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = spec.name();
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        EventLog<DeployEvent> log = new EventLog<>(listener);
        List<String> changes = new ArrayList<>();
        Consumer<String> changed = change -> {
            changes.add(change);
            log.emit(new ClusterProgress(clock.instant(), name, change));
        };
        ClusterRoles roles = new ClusterRoles(iam(), name);
        Map<String, String> tags = tags(spec);
        Optional<Cluster> existing = api.describeCluster(name);
        if (existing.isEmpty()) {
            String clusterRole = roles.ensure(spec.clusterRoleName(),
                    spec.autoMode() ? ClusterRoles.Kind.AUTO_MODE_CLUSTER : ClusterRoles.Kind.CLUSTER, spec.tags(), changed);
            String nodeRole = spec.autoMode()
                    ? roles.ensure(spec.nodeRoleName(), ClusterRoles.Kind.AUTO_MODE_NODE, spec.tags(), changed) : null;
            List<String> subnets = spec.subnets().isEmpty() ? subnetLookup().subnets(name) : spec.subnets();
            createCluster(spec, clusterRole, nodeRole, subnets, tags);
            changed.accept("created cluster " + name + (spec.autoMode() ? " in Auto Mode" : "") + " in subnets " + subnets);
        } else if ("DELETING".equals(existing.get().statusAsString())) {
            throw new EksException(Reason.CONFLICT, name, "EKS cluster '" + name + "' is being deleted; wait until it is "
                    + "gone (aws eks wait cluster-deleted --name " + name + "), then run up again.", null);
        }
        Cluster cluster = api.awaitCluster(name, deadline, progress(log, name));
        List<Nodegroup> managed = new ArrayList<>();
        if (spec.nodeGroup().isPresent()) {
            EksNodeGroupSpec group = spec.nodeGroup().get();
            if (api.describeNodegroup(name, group.name()).isEmpty()) {
                String nodeRole = roles.ensure(spec.nodeRoleName(), ClusterRoles.Kind.NODE, spec.tags(), changed);
                createNodegroup(name, group, nodeRole, cluster.resourcesVpcConfig().subnetIds(), tags);
                changed.accept("created node group " + group.name() + " (" + group.instanceType() + ", " + group.minSize()
                        + ".." + group.maxSize() + ", desired " + group.desiredSize() + ")");
            }
            managed.add(api.awaitNodegroup(name, group.name(), deadline, progress(log, name)));
        }
        return result(cluster, managed, changes, log, start);
    }

    /**
     * The cluster as EKS describes it now, with its node groups; empty when there is none.
     *
     * @throws EksException when EKS cannot be reached or refuses the call
     */
    public Optional<EksCluster> find(String name) {
        EksTokenProvider.checkClusterName(name);
        Instant start = clock.instant();
        return api.describeCluster(name).map(c -> result(c, api.listNodegroups(name).stream()
                .flatMap(group -> api.describeNodegroup(name, group).stream()).toList(), List.of(),
                new EventLog<>(DeployListener.NONE), start));
    }

    /**
     * What {@link #up} would create or change for {@code spec}, found with read-only calls (a dry
     * run); empty when everything is in place.
     *
     * @throws EksException as {@link #up} does for missing subnets or a foreign role without the policies
     */
    public List<String> plan(EksClusterSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = spec.name();
        ClusterRoles roles = new ClusterRoles(iam(), name);
        List<String> plan = new ArrayList<>();
        Optional<Cluster> existing = api.describeCluster(name);
        if (existing.isEmpty()) {
            plan.addAll(roles.plan(spec.clusterRoleName(),
                    spec.autoMode() ? ClusterRoles.Kind.AUTO_MODE_CLUSTER : ClusterRoles.Kind.CLUSTER));
            if (spec.autoMode()) {
                plan.addAll(roles.plan(spec.nodeRoleName(), ClusterRoles.Kind.AUTO_MODE_NODE));
            }
            List<String> subnets = spec.subnets().isEmpty() ? subnetLookup().subnets(name) : spec.subnets();
            plan.add("create cluster " + name + (spec.autoMode() ? " in Auto Mode" : "") + " in subnets " + subnets
                    + spec.version().map(v -> ", Kubernetes " + v).orElse(""));
        }
        Optional<EksNodeGroupSpec> group = spec.nodeGroup();
        if (group.isPresent() && (existing.isEmpty() || api.describeNodegroup(name, group.get().name()).isEmpty())) {
            plan.addAll(roles.plan(spec.nodeRoleName(), ClusterRoles.Kind.NODE));
            plan.add("create node group " + group.get().name() + " (" + group.get().instanceType() + ", "
                    + group.get().minSize() + ".." + group.get().maxSize() + ", desired " + group.get().desiredSize() + ")");
        }
        return plan;
    }

    /**
     * Merges a context for {@code cluster} into {@code kubeconfig} with an exec user running
     * {@code aws eks get-token}; see {@link #writeKubeconfig(EksCluster, Path, KubeconfigUser)}.
     *
     * @throws EksException when the file cannot be read or written
     */
    public KubeconfigWritten writeKubeconfig(EksCluster cluster, Path kubeconfig) {
        return writeKubeconfig(cluster, kubeconfig, KubeconfigUser.awsCli());
    }

    /**
     * Adds (or replaces) the cluster's context, cluster and user entries in {@code kubeconfig}, like
     * {@code aws eks update-kubeconfig}: every other context stays, unknown fields too; the file as
     * it was is kept as {@code <file>.bak}; the new context becomes current. The file holds no
     * secret: the user entry runs {@code user}'s command for a fresh token each time.
     *
     * @throws EksException when the file cannot be read, parsed or written ({@link Reason#INVALID_INPUT}
     *         when it is not a kubeconfig)
     */
    public KubeconfigWritten writeKubeconfig(EksCluster cluster, Path kubeconfig, KubeconfigUser user) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(user, "user");
        if (cluster.endpoint() == null || cluster.certificateAuthority() == null) {
            throw new EksClusterNotReadyException(cluster.name(), cluster.status());
        }
        String context = cluster.arn() != null ? cluster.arn() : cluster.name();
        try {
            Optional<Path> backup = KubeconfigFile.merge(kubeconfig, new KubeconfigFile.Entry(context, cluster.endpoint(),
                    cluster.certificateAuthority(), user.command(), user.args(cluster.name(), cluster.region())));
            return new KubeconfigWritten(kubeconfig, context, backup);
        } catch (IOException e) {
            throw new EksException(Reason.INVALID_INPUT, cluster.name(), "cannot write kubeconfig " + kubeconfig + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sets a node group's desired size (widening min or max when needed) and waits until it is
     * ACTIVE again.
     *
     * @throws EksClusterFailedException when the node group ends with health issues
     * @throws EksException when it does not exist ({@link Reason#NOT_FOUND}) or the time limit passes
     */
    public EksNodeGroup scaleNodeGroup(String cluster, String nodeGroup, int desiredSize) {
        if (desiredSize < 0) {
            throw new IllegalArgumentException("desiredSize must not be negative, was " + desiredSize);
        }
        Nodegroup current = api.describeNodegroup(cluster, nodeGroup).orElseThrow(() -> new EksException(Reason.NOT_FOUND,
                cluster, "node group '" + nodeGroup + "' not found in EKS cluster '" + cluster + "'", null));
        int min = Math.min(current.scalingConfig().minSize(), desiredSize);
        int max = Math.max(current.scalingConfig().maxSize(), Math.max(desiredSize, 1));
        EventLog<DeployEvent> log = new EventLog<>(listener);
        AwsCalls.call("EKS", "UpdateNodegroupConfig", cluster, "node group " + nodeGroup, () -> eks().updateNodegroupConfig(
                r -> r.clusterName(cluster).nodegroupName(nodeGroup)
                        .scalingConfig(s -> s.minSize(min).desiredSize(desiredSize).maxSize(max))));
        log.emit(new ClusterProgress(clock.instant(), cluster, "scaling node group " + nodeGroup + " from "
                + current.scalingConfig().desiredSize() + " to " + desiredSize + " nodes"));
        return ClusterApi.nodeGroup(api.awaitNodegroup(cluster, nodeGroup, clock.instant().plus(timeout), progress(log, cluster)));
    }

    /**
     * Deletes a cluster that {@link #up} made: its node groups first (waited for), then the cluster
     * (waited for), then the IAM roles {@code up} created for it. A cluster without our tags is
     * refused, so this never removes someone else's.
     *
     * @return what was removed, in order; empty when the cluster did not exist
     * @throws EksException when the cluster was not made by ecr-toolkit ({@link Reason#CONFLICT}), a
     *         deletion does not finish in time, or an AWS call fails
     */
    public List<String> deleteCluster(String name) {
        EksTokenProvider.checkClusterName(name);
        EventLog<DeployEvent> log = new EventLog<>(listener);
        Instant deadline = clock.instant().plus(timeout);
        List<String> removed = new ArrayList<>();
        Consumer<String> done = step -> {
            removed.add(step);
            log.emit(new ClusterProgress(clock.instant(), name, step));
        };
        Optional<Cluster> found = api.describeCluster(name);
        if (found.isEmpty()) {
            return removed;
        }
        Cluster cluster = found.get();
        if (!ClusterRoles.CREATED_BY.equals(cluster.tags().get(ClusterRoles.CREATED_BY_TAG))) {
            throw new EksException(Reason.CONFLICT, name, "EKS cluster '" + name + "' was not created by ecr-toolkit (no "
                    + ClusterRoles.CREATED_BY_TAG + " tag), so it is left alone; delete it with the EKS console or "
                    + "aws eks delete-cluster.", null);
        }
        Set<String> roleNames = new LinkedHashSet<>();
        roleNames.add(roleName(cluster.roleArn()));
        if (cluster.computeConfig() != null && cluster.computeConfig().nodeRoleArn() != null) {
            roleNames.add(roleName(cluster.computeConfig().nodeRoleArn()));
        }
        List<String> groups = api.listNodegroups(name);
        for (String group : groups) {
            api.describeNodegroup(name, group).ifPresent(n -> roleNames.add(roleName(n.nodeRole())));
            AwsCalls.call("EKS", "DeleteNodegroup", name, "node group " + group,
                    () -> eks().deleteNodegroup(r -> r.clusterName(name).nodegroupName(group)));
        }
        for (String group : groups) {
            if (!api.awaitNodegroupGone(name, group, deadline, progress(log, name))) {
                throw new EksException(Reason.UNAVAILABLE, name, "node group '" + group + "' of EKS cluster '" + name
                        + "' is still being deleted after " + timeout + "; run deleteCluster again to keep waiting.", null);
            }
            done.accept("deleted node group " + group);
        }
        AwsCalls.call("EKS", "DeleteCluster", name, "cluster " + name, () -> eks().deleteCluster(r -> r.name(name)));
        if (!api.awaitClusterGone(name, deadline, progress(log, name))) {
            throw new EksException(Reason.UNAVAILABLE, name, "EKS cluster '" + name + "' is still being deleted after "
                    + timeout + "; run deleteCluster again to keep waiting.", null);
        }
        done.accept("deleted cluster " + name);
        ClusterRoles roles = new ClusterRoles(iam(), name);
        for (String role : roleNames) {
            if (roles.deleteIfOurs(role)) {
                done.accept("deleted IAM role " + role);
            }
        }
        return removed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // clients the caller lent are wrapped so that close() does nothing
        for (AutoCloseable client : new AutoCloseable[] {eks, iam, ec2}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing an SDK client does not fail in practice; nothing to do if it does
                }
            }
        }
        if (ownCredentials != null) {
            ownCredentials.close();
        }
    }

    @Override
    public String toString() {
        return "EksClusters[region=" + region + "]";
    }

    // ---- steps

    private void createCluster(EksClusterSpec spec, String clusterRole, String nodeRole, List<String> subnets,
            Map<String, String> tags) {
        CreateClusterRequest.Builder request = CreateClusterRequest.builder().name(spec.name()).roleArn(clusterRole)
                .resourcesVpcConfig(v -> v.subnetIds(subnets).endpointPublicAccess(true))
                .accessConfig(a -> a.authenticationMode(AuthenticationMode.API).bootstrapClusterCreatorAdminPermissions(true))
                .tags(tags);
        spec.version().ifPresent(request::version);
        if (spec.autoMode()) {
            // EKS requires the three Auto Mode switches to be set together
            request.computeConfig(c -> c.enabled(true).nodePools("general-purpose", "system").nodeRoleArn(nodeRole))
                    .kubernetesNetworkConfig(k -> k.elasticLoadBalancing(e -> e.enabled(true)))
                    .storageConfig(s -> s.blockStorage(b -> b.enabled(true)));
        }
        CreateClusterRequest built = request.build();
        api.createWithNewRole("CreateCluster", spec.name(), "cluster " + spec.name(), () -> eks().createCluster(built));
    }

    private void createNodegroup(String cluster, EksNodeGroupSpec group, String nodeRole, List<String> subnets,
            Map<String, String> tags) {
        api.createWithNewRole("CreateNodegroup", cluster, "node group " + group.name(), () -> eks().createNodegroup(
                r -> r.clusterName(cluster).nodegroupName(group.name()).instanceTypes(group.instanceType())
                        .nodeRole(nodeRole).subnets(subnets).tags(tags)
                        .scalingConfig(s -> s.minSize(group.minSize()).desiredSize(group.desiredSize())
                                .maxSize(group.maxSize()))));
    }

    private EksCluster result(Cluster cluster, List<Nodegroup> nodegroups, List<String> changes, EventLog<DeployEvent> log,
            Instant start) {
        String name = cluster.name();
        List<EksNodeGroup> groups = nodegroups.stream().map(ClusterApi::nodeGroup).toList();
        boolean autoMode = cluster.computeConfig() != null && Boolean.TRUE.equals(cluster.computeConfig().enabled());
        return new EksCluster(name, cluster.arn(), region.id(), cluster.version(), cluster.statusAsString(),
                cluster.endpoint(), cluster.certificateAuthority() == null ? null : cluster.certificateAuthority().data(),
                autoMode, cluster.accessConfig() == null ? "CONFIG_MAP" : cluster.accessConfig().authenticationModeAsString(),
                groups, changes, log.events(), Duration.between(start, clock.instant()));
    }

    /** Each status line of a wait, told to the listener as a {@link ClusterProgress}. */
    private Consumer<String> progress(EventLog<DeployEvent> log, String cluster) {
        return line -> log.emit(new ClusterProgress(clock.instant(), cluster, line));
    }

    private static Map<String, String> tags(EksClusterSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put(ClusterRoles.CREATED_BY_TAG, ClusterRoles.CREATED_BY);
        tags.put(ClusterRoles.CLUSTER_TAG, spec.name());
        return tags;
    }

    private static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    private SubnetLookup subnetLookup() {
        return new DefaultVpcSubnets(ec2());
    }

    private synchronized EksClient eks() {
        checkOpen();
        if (eks == null) {
            eks = givenEks != null ? givenEks : AwsClients.build(EksClient.builder().region(region).credentialsProvider(credentials));
        }
        return eks;
    }

    private synchronized IamClient iam() {
        checkOpen();
        if (iam == null) {
            // IAM is global: the SDK maps the cluster's region to its partition's IAM endpoint
            iam = givenIam != null ? givenIam : AwsClients.build(IamClient.builder().region(region)
                    .credentialsProvider(credentials));
        }
        return iam;
    }

    private synchronized Ec2Client ec2() {
        checkOpen();
        if (ec2 == null) {
            ec2 = givenEc2 != null ? givenEc2 : AwsClients.build(Ec2Client.builder().region(region).credentialsProvider(credentials));
        }
        return ec2;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this EksClusters is closed");
        }
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new EksException(Reason.INVALID_INPUT, null, "No AWS region: set AWS_REGION, a profile region, or call "
                    + "EksClusters.builder().region(..)", e);
        }
    }

    /** Not thread-safe: configure, then {@link #build()}. */
    public static final class Builder {
        private Region region;
        private AwsCredentialsProvider credentials;
        private EksClient eks;
        private IamClient iam;
        private Ec2Client ec2;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.THREAD;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private DeployListener listener = DeployListener.NONE;

        private Builder() {
        }

        /** The region of the clusters; default: the AWS default region chain. */
        public Builder region(Region region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Credentials for EKS, IAM and EC2; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** An EKS client to use; not closed by us. */
        public Builder eksClient(EksClient eks) {
            this.eks = Objects.requireNonNull(eks, "eks");
            return this;
        }

        /** An IAM client to use for the roles; not closed by us. */
        public Builder iamClient(IamClient iam) {
            this.iam = Objects.requireNonNull(iam, "iam");
            return this;
        }

        /** An EC2 client to find the default VPC's subnets; not closed by us. */
        public Builder ec2Client(Ec2Client ec2) {
            this.ec2 = Objects.requireNonNull(ec2, "ec2");
            return this;
        }

        /** Told each step: roles created, status changes, node groups; must not block. */
        public Builder listener(DeployListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long {@code up}, scaling and deletion wait at most; default {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.positive("timeout", timeout);
            return this;
        }

        /** How often status is read; default {@link #DEFAULT_POLL_INTERVAL}. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Durations.positive("pollInterval", pollInterval);
            return this;
        }

        /** The clock for time limits; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How to wait between polls; for tests. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** @throws EksException when no region is given and none can be found */
        public EksClusters build() {
            return new EksClusters(this);
        }
    }
}
