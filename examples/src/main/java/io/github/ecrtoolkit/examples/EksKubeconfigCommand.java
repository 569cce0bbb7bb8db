package io.github.ecrtoolkit.examples;

import java.nio.file.Path;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.eks.EksCluster;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.KubeconfigUser;
import io.github.ecrtoolkit.eks.KubeconfigWritten;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eks kubeconfig}: merges a context for the cluster into a kubeconfig, like {@code aws eks update-kubeconfig}. */
@Command(name = "kubeconfig",
        description = {"Adds (or replaces) the cluster's context in a kubeconfig, keeping every other context; the old file "
                + "is kept as <file>.bak. kubectl then signs in with `aws eks get-token`, or with this jar's eks-token."})
final class EksKubeconfigCommand extends CliCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @Option(names = "--file", paramLabel = "PATH", description = "The kubeconfig (default: ~/.kube/config).")
    Path file;

    @Option(names = "--exec", paramLabel = "aws|jar", defaultValue = "aws",
            description = "What kubectl runs for a token: the AWS CLI, or this jar (java -jar <jar> eks-token).")
    String exec;

    @Option(names = "--jar", paramLabel = "PATH", description = "This jar's path for --exec jar (default: where it runs from).")
    Path jar;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        KubeconfigUser user = switch (exec) {
            case "aws" -> KubeconfigUser.awsCli();
            case "jar" -> KubeconfigUser.ecrToolkit(jar != null ? jar : thisJar());
            default -> throw usageError("--exec is aws or jar, not '" + exec + "'");
        };
        Path kubeconfig = file != null ? file : Path.of(System.getProperty("user.home"), ".kube", "config");
        try (EksAws clients = new EksAws(aws);
                EksClusters clusters = clients.clusters(EksClusters.DEFAULT_TIMEOUT, EksClusters.DEFAULT_POLL_INTERVAL,
                        event -> { }).build()) {
            EksCluster cluster = clusters.find(name).orElseThrow(() -> new EcrToolkitException(
                    EcrToolkitException.Reason.NOT_FOUND, "EKS cluster '" + name + "' not found in "
                            + aws.region.resolve() + "; check the name and the region, or make it with eks up"));
            KubeconfigWritten written = clusters.writeKubeconfig(cluster, kubeconfig, user);
            out().println("context " + written.context() + " written to " + written.file() + " (now current)");
            written.backup().ifPresent(backup -> out().println("backup: " + backup));
            return 0;
        }
    }

    private static Path thisJar() {
        try {
            return Path.of(EksKubeconfigCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("ecr-toolkit-examples.jar");
        }
    }
}
