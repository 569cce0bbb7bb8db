package io.github.ecrtoolkit.examples;

import java.time.Duration;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksNodeGroup;
import io.github.ecrtoolkit.eks.EksWorkload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eks scale}: a Deployment's or StatefulSet's replicas, or a node group's desired size, waited for. */
@Command(name = "scale",
        description = {"Scales a Deployment or StatefulSet (waited for like a rollout), or a node group's desired size "
                + "(waited for until ACTIVE).",
                "Prints progress, then `outcome <SUCCEEDED|FAILED|TIMED_OUT>`; exit code 0 only for SUCCEEDED."})
final class EksScaleCommand extends CliCommand {

    @Mixin
    EksTarget target;

    @Option(names = "--namespace", paramLabel = "NS", description = "The workload's namespace.")
    String namespace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--deployment", paramLabel = "NAME", description = "A Deployment.")
        String deployment;

        @Option(names = "--statefulset", paramLabel = "NAME", description = "A StatefulSet.")
        String statefulSet;

        @Option(names = "--node-group", paramLabel = "NAME", description = "A managed node group of --cluster.")
        String nodeGroup;
    }

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "Replicas, or nodes for --node-group.")
    int replicas;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", description = "How often to read the status.")
    Duration pollInterval;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        if (what.nodeGroup != null) {
            if (target.cluster == null) {
                throw usageError("--node-group needs --cluster");
            }
            try (EksAws clients = new EksAws(aws); EksClusters clusters = clients.clusters(timeout.timeout, pollInterval,
                    event -> out().println(event.message())).build()) {
                EksNodeGroup group = clusters.scaleNodeGroup(target.cluster, what.nodeGroup, replicas);
                out().println("node group " + group.name() + " " + group.status() + ": " + group.desiredSize() + " nodes");
                out().println("outcome SUCCEEDED");
                return 0;
            }
        }
        if (!target.given() || namespace == null) {
            throw usageError("--namespace and --cluster (or --kubeconfig) are needed");
        }
        EksWorkload workload;
        try {
            workload = what.deployment != null ? EksWorkload.deployment(namespace, what.deployment)
                    : EksWorkload.statefulSet(namespace, what.statefulSet);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        DeployOptions options = DeployOptions.builder().timeout(timeout.timeout)
                .listener(event -> out().println(event.message())).build();
        try (EksAws clients = new EksAws(aws); EksDeployer deployer = clients.deployer(target, pollInterval)) {
            return RolloutReport.print(out(), deployer.scale(workload, replicas, options));
        }
    }
}
