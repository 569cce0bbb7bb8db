package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.eks.EksDeployResult;
import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksWorkload;
import io.github.ecrtoolkit.eks.PodProblem;

/**
 * {@code deploy-eks --cluster NAME --namespace NS --deployment D --image REF [--container N]
 * [--timeout DURATION] [--region R] [--rollback-on-failure]}: rolls an image out to an EKS
 * Deployment, prints progress, and ends with the line
 * {@code outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>}. Exit code 0 only for SUCCEEDED.
 *
 * <p>Credentials and region come from the AWS default chains. {@code --kubeconfig PATH} talks to
 * the cluster through a kubeconfig instead of looking it up in EKS; {@code --poll-interval} is for
 * tests.
 */
final class DeployEksCommand implements Cli.Command {

    private static final String USAGE = "usage: deploy-eks --cluster NAME --namespace NS --deployment D --image REF "
            + "[--container N] [--timeout DURATION] [--region R] [--rollback-on-failure] [--kubeconfig PATH]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String cluster = null;
        String namespace = null;
        String deployment = null;
        String image = null;
        String region = null;
        Path kubeconfig = null;
        Duration pollInterval = null;
        DeployOptions.Builder options = DeployOptions.builder().listener(event -> out.println(event.message()));
        EksWorkload workload;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--cluster" -> cluster = Arguments.value(args, ++i, arg);
                    case "--namespace" -> namespace = Arguments.value(args, ++i, arg);
                    case "--deployment" -> deployment = Arguments.value(args, ++i, arg);
                    case "--image" -> image = Arguments.value(args, ++i, arg);
                    case "--container" -> options.container(Arguments.value(args, ++i, arg));
                    case "--timeout" -> options.timeout(Arguments.duration(Arguments.value(args, ++i, arg)));
                    case "--region" -> region = Arguments.value(args, ++i, arg);
                    case "--rollback-on-failure" -> options.rollbackOnFailure(true);
                    case "--kubeconfig" -> kubeconfig = Path.of(Arguments.value(args, ++i, arg));
                    case "--poll-interval" -> pollInterval = Arguments.duration(Arguments.value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if ((cluster == null && kubeconfig == null) || namespace == null || deployment == null || image == null) {
                throw new IllegalArgumentException("--cluster, --namespace, --deployment and --image are required");
            }
            workload = EksWorkload.deployment(namespace, deployment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }

        out.println("deploying " + image + " to " + workload.displayName()
                + (kubeconfig != null ? " (kubeconfig " + kubeconfig + ")" : " in EKS cluster " + cluster));
        try {
            EksDeployer.Builder builder = EksDeployer.builder();
            if (kubeconfig != null) {
                builder.kubeconfig(kubeconfig);
            } else {
                builder.cluster(cluster).region(EksTokenCommand.region(region));
            }
            if (pollInterval != null) {
                builder.pollInterval(pollInterval);
            }
            EksDeployResult result;
            try (EksDeployer deployer = builder.build()) {
                result = deployer.deploy(workload, image, options.build());
            }
            for (PodProblem problem : result.podProblems()) {
                out.println("pod problem: " + problem);
            }
            result.reason().ifPresent(reason -> out.println("reason: " + reason));
            result.servingRevision().ifPresent(revision -> out.println("serving: revision " + revision + " "
                    + result.servingImages()));
            out.println("elapsed: " + result.elapsed().toMillis() + " ms");
            out.println("outcome " + result.outcome());
            return result.succeeded() ? 0 : 1;
        } catch (EcrToolkitException | IllegalArgumentException e) {
            err.println("deploy-eks: " + e.getMessage());
            return 1;
        }
    }
}
