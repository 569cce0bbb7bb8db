package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;
import io.github.ecrtoolkit.testing.FakeClock;

/** The deploy-time platform check against the cluster's nodes ({@code kubernetes.io/arch}): a mismatch patches nothing. */
@EnableKubernetesMockClient(crud = true)
class EksPlatformCheckTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String NS = "shop";
    private static final String OLD = "registry.example.com/orders:1";
    private static final String NEW = "registry.example.com/orders:2";
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static int counter;

    private String name;
    private FakeClock clock;
    private KubernetesTestController controller;

    @BeforeEach
    void setUp() {
        client.nodes().delete();
        for (int i = 1; i <= 2; i++) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-" + i)
                    .withLabels(Map.of("kubernetes.io/arch", "amd64", "kubernetes.io/os", "linux")).endMetadata().build()).create();
        }
        name = "orders" + (++counter);
        clock = new FakeClock(Instant.parse("2026-11-29T12:00:00Z"));
        controller = new KubernetesTestController(client, NS);
        controller.createDeployment(name, OLD);
    }

    @AfterEach
    void tearDown() {
        client.nodes().delete();
    }

    private EksDeployer deployer(List<Platform> imagePlatforms) {
        return EksDeployer.builder().kubernetesClient(client).clock(clock).pollInterval(Duration.ofMillis(5))
                .sleeper(d -> {
                    clock.advance(d);
                    controller.step();
                })
                .imagePlatforms(image -> imagePlatforms).build();
    }

    private static DeployOptions options() {
        return DeployOptions.builder().container("web").timeout(Duration.ofMillis(200)).build();
    }

    private String image() {
        Deployment d = client.apps().deployments().inNamespace(NS).withName(name).get();
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void deploy_arm64ImageToAmd64Nodes_isRefusedNamingBoth_andNothingIsPatched() {
        long generation = client.apps().deployments().inNamespace(NS).withName(name).get().getMetadata().getGeneration();
        try (EksDeployer deployer = deployer(List.of(ARM64))) {
            assertThatThrownBy(() -> deployer.deploy(EksWorkload.deployment(NS, name), NEW, options()))
                    .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                        assertThat(e.imagePlatforms()).containsExactly(ARM64);
                        assertThat(e.targetPlatforms()).containsExactly(AMD64);
                    })
                    .hasMessageContaining("is built for linux/arm64").hasMessageContaining("kubernetes.io/arch: amd64")
                    .hasMessageContaining("runs linux/amd64").hasMessageContaining("nothing was changed");
        }
        assertThat(image()).isEqualTo(OLD);
        assertThat(client.apps().deployments().inNamespace(NS).withName(name).get().getMetadata().getGeneration()).isEqualTo(generation);
    }

    @Test
    void deploy_imageWithTheNodesPlatform_rollsOut() {
        try (EksDeployer deployer = deployer(List.of(AMD64, ARM64))) {
            assertThat(deployer.deploy(EksWorkload.deployment(NS, name), NEW, options()).outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        }
        assertThat(image()).isEqualTo(NEW);
    }

    @Test
    void deploy_nodeSelectorNamingAnArchitecture_isCheckedAgainstIt_notAgainstOtherNodes() {
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
            d.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("kubernetes.io/arch", "arm64"));
            return d;
        });
        try (EksDeployer deployer = deployer(List.of(AMD64))) {
            assertThatThrownBy(() -> deployer.deploy(EksWorkload.deployment(NS, name), NEW, options()))
                    .isInstanceOf(PlatformMismatchException.class).hasMessageContaining("nodeSelector kubernetes.io/arch=arm64");
        }
        assertThat(image()).isEqualTo(OLD);
    }
}
