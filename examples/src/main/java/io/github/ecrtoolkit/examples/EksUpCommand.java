package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.eks.EksCluster;
import io.github.ecrtoolkit.eks.EksClusterFailedException;
import io.github.ecrtoolkit.eks.EksClusterNotReadyException;
import io.github.ecrtoolkit.eks.EksClusterSpec;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.EksNodeGroupSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eks up}: makes what is missing of a cluster (roles, cluster, access, workers) and waits
 * until it is ACTIVE; the last line is {@code outcome <SUCCEEDED|FAILED|TIMED_OUT>}.
 */
@Command(name = "up",
        description = {"Makes an EKS cluster from nothing (IAM roles, cluster with API access for you, workers) and waits "
                + "until it is ACTIVE; a second run changes nothing.",
                "Prints progress, then `outcome <SUCCEEDED|FAILED|TIMED_OUT>`; exit code 0 only for SUCCEEDED."})
final class EksUpCommand extends CliCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @ArgGroup(exclusive = true)
    Compute compute = new Compute();

    static final class Compute {
        @Option(names = "--auto-mode", description = "EKS Auto Mode runs the nodes (the default).")
        boolean autoMode;

        @Option(names = "--nodes", paramLabel = "TYPE:MIN:DESIRED:MAX", converter = NodeGroupConverter.class,
                description = "A managed node group of EC2 workers instead, such as t3.medium:1:2:4.")
        EksNodeGroupSpec nodes;
    }

    @Option(names = "--node-group", paramLabel = "NAME", defaultValue = "workers", description = "The node group's name with --nodes.")
    String nodeGroup;

    @Option(names = "--version", paramLabel = "V", description = "Kubernetes version, such as 1.33 (default: EKS's default).")
    String version;

    @Option(names = "--subnet", paramLabel = "ID", showDefaultValue = Visibility.NEVER,
            description = "A subnet; repeat for two or more Availability Zones (default: the default VPC's).")
    List<String> subnets = List.of();

    @Option(names = "--dry-run", description = "Print what would be created, with read-only calls; change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long to wait for the cluster and its workers.")
    Duration timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "15s", description = "How often to read the status.")
    Duration pollInterval;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        EksClusterSpec spec;
        try {
            EksClusterSpec.Builder builder = EksClusterSpec.builder(name).subnets(subnets);
            if (version != null) {
                builder.version(version);
            }
            if (compute.nodes != null) {
                builder.managedNodeGroup(nodeGroup, compute.nodes.instanceType(), compute.nodes.minSize(),
                        compute.nodes.desiredSize(), compute.nodes.maxSize());
            }
            spec = builder.build();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        try (EksAws clients = new EksAws(aws);
                EksClusters clusters = clients.clusters(timeout, pollInterval, event -> out().println(event.message())).build()) {
            if (dryRun) {
                List<String> plan = clusters.plan(spec);
                plan.forEach(step -> out().println("would " + step));
                out().println(plan.isEmpty() ? "nothing to do: cluster " + name + " is in place" : "dry run: nothing changed");
                out().println("outcome SUCCEEDED");
                return 0;
            }
            try {
                EksCluster cluster = clusters.up(spec);
                out().println("cluster " + cluster.name() + " " + cluster.status() + " " + cluster.version() + " at "
                        + cluster.endpoint() + (cluster.changes().isEmpty() ? " (nothing changed)" : ""));
                out().println("outcome SUCCEEDED");
                return 0;
            } catch (EksClusterFailedException e) {
                out().println("reason: " + e.getMessage());
                out().println("outcome FAILED");
                return ErrorReporter.FAILED;
            } catch (EksClusterNotReadyException e) {
                out().println("reason: " + e.getMessage());
                out().println("outcome " + (e.isRetryable() ? "TIMED_OUT" : "FAILED"));
                return ErrorReporter.FAILED;
            }
        }
    }
}
