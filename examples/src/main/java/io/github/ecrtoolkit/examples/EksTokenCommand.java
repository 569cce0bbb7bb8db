package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.eks.EksToken;
import io.github.ecrtoolkit.eks.EksTokenProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code eks-token --cluster NAME [--region R]}: prints a Kubernetes {@code ExecCredential} with an
 * EKS token, as {@code aws eks get-token} does, so a kubeconfig {@code exec} entry can use it.
 * Credentials and (without {@code --region}) the region come from the AWS default chains; no
 * network call is made.
 */
final class EksTokenCommand implements Cli.Command {

    private static final String USAGE = "usage: eks-token --cluster NAME [--region R]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String cluster = null;
        String region = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--cluster" -> cluster = Arguments.value(args, ++i, "--cluster");
                    case "--region" -> region = Arguments.value(args, ++i, "--region");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (cluster == null) {
                throw new IllegalArgumentException("--cluster is required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            EksToken token = EksTokenProvider.create(cluster, region(region)).token();
            out.println(execCredential(token));
            return 0;
        } catch (EcrToolkitException e) {
            err.println("eks-token: " + e.getMessage());
            return 1;
        }
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

    static Region region(String name) {
        if (name != null) {
            return Region.of(name);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                    "no AWS region: pass --region, set AWS_REGION or a profile's region", e);
        }
    }
}
