package io.github.ecrtoolkit.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.event.ConsoleProgress;
import io.github.ecrtoolkit.eks.EksDeployResult;
import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksWorkload;
import io.github.ecrtoolkit.eks.PodProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code deploy-eks}: rolls an image out to an EKS Deployment, prints progress, and ends with the
 * line {@code outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>}. Exit code 0 only for SUCCEEDED.
 */
@Command(name = "deploy-eks",
        description = {"Rolls an image out to a Deployment on EKS; prints progress, then `outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>`.",
                "Exit code 0 only for SUCCEEDED. Credentials and region: the AWS default chains; "
                        + "or --kubeconfig to reach the cluster without EKS."})
final class DeployEksCommand extends CliCommand {

    @Option(names = "--cluster", paramLabel = "NAME", description = "The EKS cluster (looked up in EKS; not needed with --kubeconfig).")
    String cluster;

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "Reach the cluster through this kubeconfig instead of EKS.")
    Path kubeconfig;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "The Deployment's namespace.")
    String namespace;

    @Option(names = "--deployment", required = true, paramLabel = "NAME", description = "The Deployment.")
    String deployment;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "The image to run.")
    String image;

    @Option(names = "--container", paramLabel = "NAME", showDefaultValue = Visibility.NEVER,
            description = "A container whose image is replaced; repeatable (default: the pod's only container).")
    List<String> containers = List.of();

    @Option(names = "--rollback-on-failure", description = "Roll back to the previous revision when the rollout fails or times out.")
    boolean rollbackOnFailure;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "How often to read the Deployment's status.")
    Duration pollInterval;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    AwsOptions aws;

    @Mixin
    PlatformCheckOption platformCheck;

    @Override
    public Integer call() {
        if (cluster == null && kubeconfig == null) {
            throw usageError("--cluster or --kubeconfig is needed");
        }
        EksWorkload workload;
        try {
            workload = EksWorkload.deployment(namespace, deployment);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        DeployOptions options = DeployOptions.builder()
                .containers(containers)
                .timeout(timeout.timeout)
                .rollbackOnFailure(rollbackOnFailure)
                .listener(ConsoleProgress.builder().output(out()).build())
                .build();
        out().println("deploying " + image + " to " + workload.displayName()
                + (kubeconfig != null ? " (kubeconfig " + kubeconfig + ")" : " in EKS cluster " + cluster));
        EksDeployer.Builder builder = EksDeployer.builder().pollInterval(pollInterval);
        platformCheck.override().ifPresent(builder::imagePlatforms);
        EksClient eks = null;
        StsClient sts = null;
        try {
            if (kubeconfig != null) {
                builder.kubeconfig(kubeconfig);
            } else {
                builder.cluster(cluster).region(aws.region.resolve());
                if (aws.endpoint().isPresent()) {
                    eks = EksClient.builder().region(aws.region.resolve()).endpointOverride(aws.endpoint().get())
                            .httpClientBuilder(Apache5HttpClient.builder()).build();
                    sts = StsClient.builder().region(aws.region.resolve()).endpointOverride(aws.endpoint().get())
                            .httpClientBuilder(Apache5HttpClient.builder()).build();
                    builder.eksClient(eks).stsClient(sts);
                }
            }
            EksDeployResult result;
            try (EksDeployer deployer = builder.build()) {
                result = deployer.deploy(workload, image, options);
            }
            for (PodProblem problem : result.podProblems()) {
                out().println("pod problem: " + problem);
            }
            result.reason().ifPresent(reason -> out().println("reason: " + reason));
            result.servingRevision().ifPresent(revision -> out().println("serving: revision " + revision + " "
                    + result.servingImages()));
            out().println("elapsed: " + result.elapsed().toMillis() + " ms");
            out().println("outcome " + result.outcome());
            return result.succeeded() ? 0 : ErrorReporter.FAILED;
        } finally {
            // ours, not the deployer's: it never closes a client it is given
            if (eks != null) {
                eks.close();
            }
            if (sts != null) {
                sts.close();
            }
        }
    }
}
