package io.github.ecrtoolkit.ecs.internal;

import java.util.Optional;

import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.ecs.EcsCapacity;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/** The cluster: kept when it exists, else created with the Fargate and Fargate Spot capacity providers. */
final class ClusterStep {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private Change change;

    ClusterStep(RunContext context, EcsServiceSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    Change inspect() {
        Optional<Cluster> found = describe(context, spec.cluster());
        if (found.isPresent()) {
            if (spec.capacity() == EcsCapacity.FARGATE_SPOT && !found.get().capacityProviders().contains("FARGATE_SPOT")) {
                throw new EcsException(Reason.INVALID_INPUT, spec.cluster(), spec.name(), null, "cluster " + spec.cluster()
                        + " has no FARGATE_SPOT capacity provider; add it to the cluster (PutClusterCapacityProviders) or "
                        + "use spot(false). Nothing was created.", null);
            }
            change = new Change(Resource.CLUSTER, spec.cluster(), Action.KEEP, "");
        } else if (spec.capacity() == EcsCapacity.EC2) {
            throw new EcsException(Reason.NOT_FOUND, spec.cluster(), spec.name(), null, "cluster " + spec.cluster()
                    + " does not exist; a service on EC2 capacity needs a cluster with its container instances set up "
                    + "first (or use EcsServiceSpec.fargate). Nothing was created.", null);
        } else {
            change = new Change(Resource.CLUSTER, spec.cluster(), Action.CREATE, "Fargate and Fargate Spot capacity");
        }
        return change;
    }

    boolean exists() {
        return change.action() == Action.KEEP;
    }

    void apply() {
        if (change.action() == Action.CREATE) {
            context.ecs().call("CreateCluster", () -> context.clients().ecs().createCluster(r -> r.clusterName(spec.cluster())
                    .capacityProviders("FARGATE", "FARGATE_SPOT")
                    .tags(Ownership.ecsTags(spec.cluster(), spec.name()))));
            context.applied(change);
        }
    }

    /** The cluster when it is ACTIVE. */
    static Optional<Cluster> describe(RunContext context, String cluster) {
        return context.ecs().call("DescribeClusters", () -> context.clients().ecs().describeClusters(r -> r.clusters(cluster)
                .include(ClusterField.TAGS))).clusters().stream().filter(c -> "ACTIVE".equals(c.status())).findFirst();
    }
}
