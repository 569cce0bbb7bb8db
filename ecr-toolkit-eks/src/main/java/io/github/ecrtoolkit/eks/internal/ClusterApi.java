package io.github.ecrtoolkit.eks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.eks.EksClusterFailedException;
import io.github.ecrtoolkit.eks.EksClusterNotReadyException;
import io.github.ecrtoolkit.eks.EksException;
import io.github.ecrtoolkit.eks.EksHealthIssue;
import io.github.ecrtoolkit.eks.EksNodeGroup;
import io.github.ecrtoolkit.eks.internal.StatusPoller.End;
import io.github.ecrtoolkit.eks.internal.StatusPoller.Polled;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterIssue;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.Issue;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * The EKS calls of the cluster lifecycle: reads that answer "not there" with an empty value, creates
 * that outlast IAM's propagation delay, and the waits until a cluster or node group settles, with
 * EKS's health issues when it settles badly.
 */
public final class ClusterApi {

    private static final Set<String> CLUSTER_PASSING = Set.of("CREATING", "UPDATING", "PENDING");
    private static final Set<String> NODEGROUP_PASSING = Set.of("CREATING", "UPDATING");
    private static final int ROLE_PROPAGATION_ATTEMPTS = 12;
    private static final Duration ROLE_PROPAGATION_PAUSE = Duration.ofSeconds(5);

    private final Supplier<EksClient> eks;
    private final StatusPoller poller;
    private final Sleeper sleeper;
    private final Duration timeout;

    /** @param eks the client, made on first use */
    public ClusterApi(Supplier<EksClient> eks, Clock clock, Sleeper sleeper, Duration pollInterval, Duration timeout) {
        this.eks = eks;
        this.poller = new StatusPoller(clock, sleeper, pollInterval);
        this.sleeper = sleeper;
        this.timeout = timeout;
    }

    private EksClient eks() {
        return eks.get();
    }

    /**
     * Makes an EKS create call that names a role, again while EKS cannot assume the role yet: IAM
     * is eventually consistent, so a role made seconds ago may be refused for a while. Bounded.
     */
    public void createWithNewRole(String operation, String cluster, String where, Supplier<?> create) {
        for (int attempt = 1; ; attempt++) {
            try {
                create.get();
                return;
            } catch (InvalidParameterException e) {
                if (!roleNotReady(e) || attempt >= ROLE_PROPAGATION_ATTEMPTS) {
                    throw AwsCalls.translate("EKS", operation, cluster, where, e);
                }
                pause(cluster);
            } catch (SdkException e) {
                throw AwsCalls.translate("EKS", operation, cluster, where, e);
            }
        }
    }

    /** Waits until the cluster leaves CREATING/UPDATING; returns it ACTIVE, else throws with EKS's reasons. */
    public Cluster awaitCluster(String name, Instant deadline, Consumer<String> progress) {
        Polled<Cluster> wait = poller.await(() -> describeCluster(name),
                c -> !CLUSTER_PASSING.contains(c.statusAsString()),
                c -> "cluster " + name + " " + c.statusAsString(),
                progress, deadline);
        if (wait.end() == End.GONE) {
            throw new EksException(Reason.NOT_FOUND, name, "EKS cluster '" + name + "' disappeared while being waited for "
                    + "(deleted meanwhile?)", null);
        }
        Cluster cluster = wait.last().orElseThrow();
        if (wait.end() == End.TIMED_OUT) {
            throw new EksClusterNotReadyException(name, cluster.statusAsString());
        }
        if (!"ACTIVE".equals(cluster.statusAsString())) {
            List<EksHealthIssue> issues = cluster.health() == null ? List.of()
                    : cluster.health().issues().stream().map(ClusterApi::issue).toList();
            throw new EksClusterFailedException(name, null, cluster.statusAsString(), issues, "Fix the cause, delete the "
                    + "cluster (deleteCluster or aws eks delete-cluster --name " + name + ") and run up again.");
        }
        return cluster;
    }

    /** Waits until the node group leaves CREATING/UPDATING; returns it ACTIVE and healthy, else throws with EKS's reasons. */
    public Nodegroup awaitNodegroup(String cluster, String group, Instant deadline, Consumer<String> progress) {
        Polled<Nodegroup> wait = poller.await(() -> describeNodegroup(cluster, group),
                n -> !NODEGROUP_PASSING.contains(n.statusAsString()),
                n -> "node group " + group + " " + n.statusAsString(),
                progress, deadline);
        if (wait.end() == End.GONE) {
            throw new EksException(Reason.NOT_FOUND, cluster, "node group '" + group + "' disappeared while being waited "
                    + "for (deleted meanwhile?)", null);
        }
        Nodegroup nodegroup = wait.last().orElseThrow();
        if (wait.end() == End.TIMED_OUT) {
            throw new EksException(Reason.UNAVAILABLE, cluster, "node group '" + group + "' of EKS cluster '" + cluster
                    + "' is still " + nodegroup.statusAsString() + " after " + timeout + "; run again to keep waiting.", null);
        }
        List<EksHealthIssue> issues = nodegroup.health() == null ? List.of()
                : nodegroup.health().issues().stream().map(ClusterApi::issue).toList();
        if (!"ACTIVE".equals(nodegroup.statusAsString()) || !issues.isEmpty()) {
            throw new EksClusterFailedException(cluster, group, nodegroup.statusAsString(), issues, "Fix the cause (instance "
                    + "type available in these zones, subnets with free addresses and a route out, the node role's "
                    + "policies), delete the node group and run up again.");
        }
        return nodegroup;
    }

    /** Waits until the cluster is gone; false when the deadline passed first. */
    public boolean awaitClusterGone(String name, Instant deadline, Consumer<String> progress) {
        return poller.await(() -> describeCluster(name), c -> false, c -> "cluster " + name + " " + c.statusAsString(),
                progress, deadline).end() == End.GONE;
    }

    /** Waits until the node group is gone; false when the deadline passed first. */
    public boolean awaitNodegroupGone(String cluster, String group, Instant deadline, Consumer<String> progress) {
        return poller.await(() -> describeNodegroup(cluster, group), n -> false,
                n -> "node group " + group + " " + n.statusAsString(), progress, deadline).end() == End.GONE;
    }

    public List<String> listNodegroups(String cluster) {
        return AwsCalls.call("EKS", "ListNodegroups", cluster, "cluster " + cluster,
                () -> eks().listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups().stream().toList());
    }

    public Optional<Cluster> describeCluster(String name) {
        return AwsCalls.call("EKS", "DescribeCluster", name, "cluster " + name, () -> {
            try {
                return Optional.of(eks().describeCluster(r -> r.name(name)).cluster());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public Optional<Nodegroup> describeNodegroup(String cluster, String group) {
        return AwsCalls.call("EKS", "DescribeNodegroup", cluster, "node group " + group, () -> {
            try {
                return Optional.of(eks().describeNodegroup(r -> r.clusterName(cluster).nodegroupName(group)).nodegroup());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public static EksNodeGroup nodeGroup(Nodegroup n) {
        List<EksHealthIssue> issues = n.health() == null ? List.of() : n.health().issues().stream().map(ClusterApi::issue).toList();
        return new EksNodeGroup(n.nodegroupName(), n.statusAsString(), n.instanceTypes(), n.scalingConfig().minSize(),
                n.scalingConfig().desiredSize(), n.scalingConfig().maxSize(), issues);
    }

    private static EksHealthIssue issue(Issue issue) {
        return new EksHealthIssue(issue.codeAsString(), issue.message(), issue.resourceIds());
    }

    private static EksHealthIssue issue(ClusterIssue issue) {
        return new EksHealthIssue(issue.codeAsString(), issue.message(), issue.resourceIds());
    }

    /** EKS says "Role with arn: … does not exist or is not trusted" while IAM has not propagated a new role. */
    private static boolean roleNotReady(InvalidParameterException e) {
        String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        return message.contains("Role") && (message.contains("does not exist") || message.contains("not trusted")
                || message.contains("could not be assumed") || message.contains("cannot be assumed"));
    }

    private void pause(String cluster) {
        try {
            sleeper.sleep(ROLE_PROPAGATION_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EksException(Reason.FAILED, cluster, "interrupted while waiting for a new IAM role to propagate", e);
        }
    }
}
