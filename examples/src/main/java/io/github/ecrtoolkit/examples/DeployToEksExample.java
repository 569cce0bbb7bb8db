package io.github.ecrtoolkit.examples;

import java.time.Duration;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.eks.EksDeployResult;
import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksWorkload;
import software.amazon.awssdk.regions.Region;

/**
 * The README's "Deploy to EKS" snippet, compiled: roll an image out to a Deployment, roll back on
 * failure. Usage: {@code DeployToEksExample <cluster> <region> <namespace> <deployment> <image>}.
 */
public final class DeployToEksExample {

    private DeployToEksExample() {
    }

    public static void main(String[] args) {
        EksWorkload web = EksWorkload.deployment(args[2], args[3]);
        try (EksDeployer deployer = EksDeployer.builder().cluster(args[0]).region(Region.of(args[1])).build()) {
            EksDeployResult result = deployer.deploy(web, args[4],
                    opts -> opts.container("web")
                            .timeout(Duration.ofMinutes(10))
                            .rollbackOnFailure(true)
                            .listener(event -> System.out.println(event.message())));
            switch (result.outcome()) {
                case SUCCEEDED -> System.out.println("revision " + result.servingRevision().orElseThrow()
                        + " serves " + result.servingImages());
                case ROLLED_BACK, FAILED -> System.out.println(result.reason().orElse("?") + "; pods: "
                        + result.podProblems());
                case TIMED_OUT -> System.out.println("still rolling out after " + result.elapsed());
            }
            if (args.length > 5 && args[5].equals("--undo")) {
                // like `kubectl rollout undo`
                System.out.println(deployer.rollback(web, DeployOptions.defaults()));
            }
        }
    }
}
