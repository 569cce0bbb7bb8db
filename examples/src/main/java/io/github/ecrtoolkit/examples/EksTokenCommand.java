package io.github.ecrtoolkit.examples;

import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.eks.EksToken;
import io.github.ecrtoolkit.eks.EksTokenProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code eks-token}: prints a Kubernetes {@code ExecCredential} with an EKS token, as {@code aws eks
 * get-token} does, so a kubeconfig {@code exec} entry can use it. No network call is made.
 */
@Command(name = "eks-token",
        description = {"Prints a Kubernetes ExecCredential with an EKS token (as `aws eks get-token`), for a kubeconfig exec entry.",
                "Credentials: the AWS default chain. No network call is made."})
final class EksTokenCommand extends CliCommand {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The EKS cluster the token is for.")
    String cluster;

    @Mixin
    AwsRegion region;

    @Override
    public Integer call() {
        EksToken token = EksTokenProvider.create(cluster, region.resolve()).token();
        out().println(execCredential(token));
        return 0;
    }

    /** The JSON kubectl expects from an exec credential plugin. */
    static String execCredential(EksToken token) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode credential = json.createObjectNode()
                .put("kind", "ExecCredential")
                .put("apiVersion", "client.authentication.k8s.io/v1beta1");
        credential.putObject("spec");
        credential.putObject("status")
                .put("expirationTimestamp", token.expiration().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("token", token.value());
        return credential.toString();
    }
}
