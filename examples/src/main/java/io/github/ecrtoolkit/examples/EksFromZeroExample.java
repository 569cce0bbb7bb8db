package io.github.ecrtoolkit.examples;

import java.nio.file.Path;
import java.time.Duration;

import io.github.ecrtoolkit.eks.EksAppSpec;
import io.github.ecrtoolkit.eks.EksCluster;
import io.github.ecrtoolkit.eks.EksClusterSpec;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.EksDeployResult;
import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksJobResult;
import io.github.ecrtoolkit.eks.EksWorkload;
import software.amazon.awssdk.regions.Region;

/**
 * The README's "From zero to a running app on EKS" snippet, compiled: a cluster in Auto Mode, a
 * kubeconfig context, the image as an app with a public Service, a one-off job, scaling, tear-down.
 * Usage: {@code EksFromZeroExample <region> <image>}.
 */
public final class EksFromZeroExample {

    private EksFromZeroExample() {
    }

    public static void main(String[] args) {
        Region region = Region.of(args[0]);
        String image = args[1];

        try (EksClusters clusters = EksClusters.builder().region(region)
                .listener(event -> System.out.println(event.message())).build()) {
            EksCluster cluster = clusters.up(EksClusterSpec.autoMode("shop").build());   // roles, cluster, access; ~15 min
            clusters.writeKubeconfig(cluster, Path.of(System.getProperty("user.home"), ".kube", "config"));
        }

        EksAppSpec web = EksAppSpec.of("shop", "web").port(8080).replicas(2)
                .cpu("250m").memory("512Mi").httpProbe("/health").publicService(true).build();
        try (EksDeployer deployer = EksDeployer.builder().cluster("shop").region(region).build()) {
            EksDeployResult up = deployer.up(web, image);                          // server-side apply, then the rollout wait
            System.out.println("outcome " + up.outcome());
            EksJobResult job = deployer.runJob("shop", image, j -> j.command("bin/migrate")
                    .activeDeadline(Duration.ofMinutes(10)));
            System.out.println("job exit " + job.exitCode().orElse(-1) + " " + job.reason().orElse("") + "\n"
                    + String.join("\n", job.logTail()));
            deployer.scale(EksWorkload.deployment("shop", "web"), 5);             // waited for like a rollout
            deployer.down(web);                                                    // only what up made
        }

        try (EksClusters clusters = EksClusters.builder().region(region).build()) {
            clusters.deleteCluster("shop");   // node groups, cluster, then the roles up made
        }
    }
}
