package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.eks.EksAppSpec;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.EksDeployer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eks down}: removes an app that {@code eks app} made, or (explicitly) the whole cluster that {@code eks up} made. */
@Command(name = "down",
        description = {"Removes what ecr-toolkit made, never anything else: an app's Deployment and Service "
                + "(--namespace and --name), or with --cluster-too the cluster: node groups, cluster, then its IAM roles.",
                "Prints each removal, then `outcome SUCCEEDED`."})
final class EksDownCommand extends CliCommand {

    @Mixin
    EksTarget target;

    @Option(names = "--namespace", paramLabel = "NS", description = "The app's namespace.")
    String namespace;

    @Option(names = "--name", paramLabel = "APP", description = "The app to remove.")
    String name;

    @Option(names = "--cluster-too", description = "Delete the cluster that eks up made (node groups, cluster, roles).")
    boolean clusterToo;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "15s", description = "How often to read the status.")
    Duration pollInterval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", description = "How long to wait for the deletion.")
    Duration timeout;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        if (clusterToo == (name != null)) {
            throw usageError("give either --namespace and --name of an app, or --cluster-too");
        }
        if (clusterToo) {
            if (target.cluster == null) {
                throw usageError("--cluster-too needs --cluster");
            }
            try (EksAws clients = new EksAws(aws); EksClusters clusters = clients.clusters(timeout, pollInterval,
                    event -> out().println(event.message())).build()) {
                List<String> removed = clusters.deleteCluster(target.cluster);
                if (removed.isEmpty()) {
                    out().println("no cluster " + target.cluster + ": nothing to remove");
                }
                out().println("outcome SUCCEEDED");
                return 0;
            }
        }
        if (!target.given() || namespace == null) {
            throw usageError("--namespace and --cluster (or --kubeconfig) are needed");
        }
        EksAppSpec app;
        try {
            app = EksAppSpec.of(namespace, name).build();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        try (EksAws clients = new EksAws(aws); EksDeployer deployer = clients.deployer(target, Duration.ofSeconds(2))) {
            List<String> removed = deployer.down(app);
            removed.forEach(what -> out().println("removed " + what));
            if (removed.isEmpty()) {
                out().println("nothing of ecr-toolkit's named " + namespace + "/" + name + ": nothing removed");
            }
            out().println("outcome SUCCEEDED");
            return 0;
        }
    }
}
