package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.eks.HealthIssue;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController.JobOutcome;

/** The eks commands: cluster ones against the AWS stand-in, app ones against fabric8's mock server through a kubeconfig. */
@EnableKubernetesMockClient(crud = true)
class EksCommandsTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    String subnetA;
    String subnetB;

    @BeforeEach
    void credentials() {
        // the commands take credentials from the default chain: system properties are its first link
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_ACCESS_KEY);
        subnetA = aws.ec2().subnets().get(0).id();   // the default VPC's, in two zones
        subnetB = aws.ec2().subnets().get(1).id();
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The command with the stand-in's endpoint and region. */
    int runAws(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", aws.endpoint().toString(), "--region", aws.account().region()));
        return run(all.toArray(String[]::new));
    }

    List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Nested
    class Clusters {

        @Test
        void up_withWorkers_printsProgressAndEndsWithSucceeded() {
            int code = runAws("eks", "up", "--name", "shop", "--nodes", "t3.medium:1:2:3", "--subnet", subnetA,
                    "--subnet", subnetB, "--poll-interval", "10ms");

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(lines()).contains("created cluster shop in subnets [" + subnetA + ", " + subnetB + "]", "cluster shop ACTIVE",
                    "node group workers ACTIVE");
            assertThat(lines()).last().isEqualTo("outcome SUCCEEDED");
            assertThat(aws.eks().nodegroup("shop", "workers")).hasValueSatisfying(n -> assertThat(n.maxSize()).isEqualTo(3));
        }

        @Test
        void up_dryRun_printsThePlanAndChangesNothing() {
            int code = runAws("eks", "up", "--name", "shop", "--subnet", subnetA, "--subnet", subnetB, "--dry-run");

            assertThat(code).isZero();
            assertThat(lines()).contains("would create cluster shop in Auto Mode in subnets [" + subnetA + ", " + subnetB + "]");
            assertThat(lines()).last().isEqualTo("outcome SUCCEEDED");
            assertThat(aws.eks().clusters()).isEmpty();
            assertThat(aws.iam().roles()).isEmpty();
        }

        @Test
        void up_whenEksFailsTheCluster_endsWithFailedAndEksReason() {
            aws.eks().failNextCluster(new HealthIssue("Ec2SubnetInvalidConfiguration", "subnet-0a has no free IP addresses"));

            int code = runAws("eks", "up", "--name", "shop", "--subnet", subnetA, "--subnet", subnetB,
                    "--poll-interval", "10ms");

            assertThat(code).isEqualTo(1);
            assertThat(lines()).anyMatch(l -> l.startsWith("reason: ") && l.contains("no free IP addresses"));
            assertThat(lines()).last().isEqualTo("outcome FAILED");
        }

        @Test
        void kubeconfig_thenDownClusterToo() throws Exception {
            runAws("eks", "up", "--name", "shop", "--subnet", subnetA, "--subnet", subnetB, "--poll-interval", "10ms");
            Path file = dir.resolve("config");

            int written = runAws("eks", "kubeconfig", "--name", "shop", "--file", file.toString(), "--exec", "jar",
                    "--jar", "/opt/ecr-toolkit-examples.jar");
            int down = runAws("eks", "down", "--cluster", "shop", "--cluster-too", "--poll-interval", "10ms");

            assertThat(written).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(Files.readString(file)).contains("eks-token", "/opt/ecr-toolkit-examples.jar",
                    "arn:aws:eks:eu-west-1:123456789012:cluster/shop");
            assertThat(down).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(lines()).contains("deleted cluster shop", "deleted IAM role shop-eks-cluster");
            assertThat(aws.eks().clusters()).isEmpty();
        }

        @Test
        void down_withNeitherAnAppNorClusterToo_isAUsageError() {
            int code = run("eks", "down", "--cluster", "shop");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cluster-too");
        }
    }

    @Nested
    class Apps {

        Path kubeconfig;
        KubernetesTestController controller;
        final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor();

        @BeforeEach
        void kubeconfigForTheMockServer() throws Exception {
            kubeconfig = MockKubeconfig.write(server, dir.resolve("kubeconfig"));
            controller = new KubernetesTestController(client, server, "cli");
            steps.scheduleWithFixedDelay(() -> {
                try {
                    controller.step();
                } catch (RuntimeException e) {
                    // next round
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
        }

        @AfterEach
        void stopController() {
            steps.shutdownNow();
        }

        String[] k8s(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            int end = all.contains("--") ? all.indexOf("--") : all.size();   // options go before the job's command
            all.addAll(end, List.of("--kubeconfig", kubeconfig.toString(), "--poll-interval", "10ms"));
            return all.toArray(String[]::new);
        }

        @Test
        void app_scale_down() {
            int up = run(k8s("eks", "app", "--namespace", "cli", "--name", "web", "--image", "web:1", "--port", "8080",
                    "--replicas", "2", "--public", "--timeout", "30s"));
            assertThat(up).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(lines()).last().isEqualTo("outcome SUCCEEDED");
            assertThat(client.services().inNamespace("cli").withName("web").get().getSpec().getType()).isEqualTo("LoadBalancer");

            int scaled = run(k8s("eks", "scale", "--namespace", "cli", "--deployment", "web", "--replicas", "4",
                    "--timeout", "30s"));
            assertThat(scaled).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(client.apps().deployments().inNamespace("cli").withName("web").get().getStatus().getAvailableReplicas())
                    .isEqualTo(4);

            int down = run(k8s("eks", "down", "--namespace", "cli", "--name", "web"));
            assertThat(down).isZero();
            assertThat(lines()).contains("removed deployment cli/web", "removed service cli/web");
            assertThat(client.apps().deployments().inNamespace("cli").withName("web").get()).isNull();
        }

        @Test
        void job_thatExitsNonZero_printsItsLogTheExitCodeThenFailed() {
            controller.jobOutcome(JobOutcome.exits(3)).jobLog("migrating", "error: table orders is locked");

            int code = run(k8s("eks", "job", "--namespace", "cli", "--image", "web:1", "--name", "migrate", "--timeout", "30s",
                    "--", "bin/migrate", "--to", "42"));

            assertThat(code).isEqualTo(1);
            List<String> lines = lines();
            assertThat(lines).contains("log: error: table orders is locked");
            assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("exit 3", "outcome FAILED");
            assertThat(client.batch().v1().jobs().inNamespace("cli").withName("migrate").get().getSpec().getTemplate()
                    .getSpec().getContainers().get(0).getCommand()).containsExactly("bin/migrate", "--to", "42");
        }
    }
}
