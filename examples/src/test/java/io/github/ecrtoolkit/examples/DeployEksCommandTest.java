package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** deploy-eks against fabric8's CRUD mock server through a kubeconfig; a thread plays the controller. */
@EnableKubernetesMockClient(crud = true)
class DeployEksCommandTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    Path kubeconfig;
    ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor();
    volatile boolean stuck;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        kubeconfig = MockKubeconfig.write(server, dir.resolve("kubeconfig"));
        controller.scheduleWithFixedDelay(this::playController, 0, 5, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void tearDown() {
        controller.shutdownNow();
    }

    /** Observes every new generation: healthy, or past its progress deadline when {@link #stuck}. */
    void playController() {
        try {
            for (Deployment d : client.apps().deployments().inNamespace("shop").list().getItems()) {
                long generation = d.getMetadata().getGeneration();
                if (d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                        && d.getStatus().getObservedGeneration() >= generation) {
                    continue;
                }
                var status = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(1)
                        .withUpdatedReplicas(1).withAvailableReplicas(stuck ? 0 : 1);
                if (stuck) {
                    status.addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                            .withReason("ProgressDeadlineExceeded").build());
                }
                d.setStatus(status.build());
                client.apps().deployments().inNamespace("shop").resource(d).updateStatus();
            }
        } catch (RuntimeException e) {
            // next round
        }
    }

    void createDeployment(String name) {
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    int run(String... args) throws Exception {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void deployEks_whenRolloutCompletes_endsWithOutcomeSucceeded() throws Exception {
        createDeployment("ok");

        int code = run("deploy-eks", "--kubeconfig", kubeconfig.toString(), "--namespace", "shop",
                "--deployment", "ok", "--image", "web:2", "--timeout", "30s", "--poll-interval", "10ms");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines()).last().isEqualTo("outcome SUCCEEDED");
        assertThat(lines()).anyMatch(l -> l.contains("successfully rolled out"));
        assertThat(client.apps().deployments().inNamespace("shop").withName("ok").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("web:2");
    }

    @Test
    void deployEks_whenProgressDeadlineExceeded_endsWithOutcomeFailed() throws Exception {
        stuck = true;
        createDeployment("stuck");

        int code = run("deploy-eks", "--kubeconfig", kubeconfig.toString(), "--namespace", "shop",
                "--deployment", "stuck", "--image", "web:broken", "--container", "web", "--timeout", "30s",
                "--poll-interval", "10ms");

        assertThat(code).isEqualTo(1);
        assertThat(lines()).last().isEqualTo("outcome FAILED");
        assertThat(lines()).anyMatch(l -> l.startsWith("reason: ") && l.contains("exceeded its progress deadline"));
    }

    @Test
    void deployEks_withoutImage_printsUsage() throws Exception {
        int code = run("deploy-eks", "--cluster", "prod", "--namespace", "shop", "--deployment", "web");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ecr-toolkit deploy-eks").doesNotContain("\tat ");
    }
}
