package io.github.ecrtoolkit.eks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How kubectl signs in to the cluster a kubeconfig context names: an {@code exec} user that runs a
 * command printing an {@code ExecCredential} with an EKS token. Either the AWS CLI
 * ({@code aws eks get-token}, as {@code aws eks update-kubeconfig} writes it) or this project's
 * {@code eks-token} command, which needs only Java.
 *
 * <pre>{@code
 * clusters.writeKubeconfig(cluster, kubeconfig, KubeconfigUser.awsCli());
 * clusters.writeKubeconfig(cluster, kubeconfig, KubeconfigUser.ecrToolkit(Path.of("/opt/ecr-toolkit-examples.jar")));
 * }</pre>
 */
public final class KubeconfigUser {

    private final String command;
    private final List<String> leadingArgs;
    private final boolean awsCli;

    private KubeconfigUser(String command, List<String> leadingArgs, boolean awsCli) {
        this.command = command;
        this.leadingArgs = List.copyOf(leadingArgs);
        this.awsCli = awsCli;
    }

    /** {@code aws --region R eks get-token --cluster-name N --output json}. */
    public static KubeconfigUser awsCli() {
        return new KubeconfigUser("aws", List.of(), true);
    }

    /** {@code java -jar <jar> eks-token --cluster N --region R}, this project's command line. */
    public static KubeconfigUser ecrToolkit(Path examplesJar) {
        return command("java", "-jar", examplesJar.toString(), "eks-token");
    }

    /**
     * Any command that takes {@code --cluster N --region R} after {@code leadingArgs} and prints an
     * {@code ExecCredential}, such as a wrapper script.
     */
    public static KubeconfigUser command(String command, String... leadingArgs) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        return new KubeconfigUser(command, List.of(leadingArgs), false);
    }

    /** The program kubectl runs. */
    public String command() {
        return command;
    }

    /** Its arguments for this cluster and region. */
    public List<String> args(String cluster, String region) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(region, "region");
        if (awsCli) {
            return List.of("--region", region, "eks", "get-token", "--cluster-name", cluster, "--output", "json");
        }
        List<String> args = new ArrayList<>(leadingArgs);
        args.addAll(List.of("--cluster", cluster, "--region", region));
        return args;
    }

    @Override
    public String toString() {
        return "KubeconfigUser[" + command + " " + String.join(" ", leadingArgs) + "]";
    }
}
