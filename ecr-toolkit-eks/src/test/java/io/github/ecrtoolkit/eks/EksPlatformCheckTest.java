package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;
import io.github.ecrtoolkit.testing.registry.LocalRegistry;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.eks.EksClient;
import io.github.ecrtoolkit.testing.FakeClock;

/** The deploy-time platform check against the cluster's nodes ({@code kubernetes.io/arch}): a mismatch patches nothing. */
@EnableKubernetesMockClient(crud = true)
class EksPlatformCheckTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();

    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    private static final String NS = "shop";
    private static final String OLD = "registry.example.com/orders:1";
    private static final String NEW = "registry.example.com/orders:2";
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static int counter;

    @TempDir
    Path dir;

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

    /**
     * Without {@code imagePlatforms(..)}: the image on "ECR" (a real registry that the ECR stand-in's
     * tokens name) is read with the deployer's AWS settings, the stand-in's.
     */
    @Nested
    class ByDefault {

        private final List<DeployEvent> events = new CopyOnWriteArrayList<>();
        private EksClient eks;

        @BeforeEach
        void pointAtTheStandIn() {
            eks = aws.configure(EksClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
            aws.ecr().registry(registry.host(), registry.credentials());
        }

        @AfterEach
        void closeEks() {
            eks.close();
        }

        /** As users make it, without {@code imagePlatforms(..)}: its AWS settings are the stand-in's. */
        private EksDeployer deployer() {
            return EksDeployer.builder().kubernetesClient(client).eksClient(eks).credentialsProvider(aws.credentials())
                    .clock(clock).pollInterval(Duration.ofMillis(5))
                    .sleeper(d -> {
                        clock.advance(d);
                        controller.step();
                    }).build();
        }

        private EksDeployResult deploy(String image) {
            try (EksDeployer deployer = deployer()) {
                return deployer.deploy(EksWorkload.deployment(NS, name), image, DeployOptions.builder().container("web")
                        .timeout(Duration.ofMillis(200)).listener(events::add).build());
            }
        }

        private void push(String tag, String platform) throws Exception {
            Path file = Files.writeString(dir.resolve("app.txt"), tag);
            try (Registry target = registry.client()) {
                target.image().layer(file, "/app/app.txt").platform(platform).tag(tag).push();
            }
        }

        @Test
        void deploy_arm64OnlyImageToAmd64Nodes_isRefusedNamingBoth_andNothingIsPatched() throws Exception {
            push("orders-arm64:2", "linux/arm64");

            assertThatThrownBy(() -> deploy(ECR + "/orders-arm64:2"))
                    .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                        assertThat(e.imagePlatforms()).containsExactly(Platform.parse("linux/arm64"));
                        assertThat(e.targetPlatforms()).containsExactly(Platform.parse("linux/amd64"));
                    })
                    .hasMessageContaining("is built for linux/arm64").hasMessageContaining("kubernetes.io/arch: amd64")
                    .hasMessageContaining("nothing was changed");
            assertThat(image()).isEqualTo(OLD);
            assertThat(aws.operations("ecr")).containsExactly("GetAuthorizationToken");
        }

        @Test
        void appUp_arm64OnlyImageOnAmd64Nodes_isRefusedNamingBoth_andNothingIsApplied() throws Exception {
            push("web-arm64:1", "linux/arm64");
            String namespace = "apps" + counter;
            EksAppSpec app = EksAppSpec.of(namespace, "web").port(8080).build();

            try (EksDeployer deployer = deployer()) {
                assertThatThrownBy(() -> deployer.up(app, ECR + "/web-arm64:1", DeployOptions.builder().listener(events::add).build()))
                        .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                            assertThat(e.imagePlatforms()).containsExactly(Platform.parse("linux/arm64"));
                            assertThat(e.targetPlatforms()).containsExactly(Platform.parse("linux/amd64"));
                        })
                        .hasMessageContaining("is built for linux/arm64").hasMessageContaining("kubernetes.io/arch: amd64")
                        .hasMessageContaining("nothing was changed");
            }
            assertThat(client.namespaces().withName(namespace).get()).isNull();
            assertThat(client.apps().deployments().inNamespace(namespace).withName("web").get()).isNull();
            assertThat(client.services().inNamespace(namespace).withName("web").get()).isNull();
            assertThat(aws.operations("ecr")).contains("GetAuthorizationToken");
        }

        @Test
        void appUp_twoPlatformIndex_isApplied_andRollsOut() throws Exception {
            Path file = Files.writeString(dir.resolve("app.txt"), "web-multi");
            try (Registry target = registry.client()) {
                target.image().layer(file, "/app/app.txt").platforms("linux/amd64", "linux/arm64").tag("web-multi:1").push();
            }
            EksAppSpec app = EksAppSpec.of(NS, "web" + name).build();

            EksDeployResult result;
            try (EksDeployer deployer = deployer()) {
                result = deployer.up(app, ECR + "/web-multi:1", DeployOptions.builder().timeout(Duration.ofMillis(200))
                        .listener(events::add).build());
            }

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(client.apps().deployments().inNamespace(NS).withName("web" + name).get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(ECR + "/web-multi:1");
            assertThat(events).noneMatch(PlatformCheckSkipped.class::isInstance);
        }

        @Test
        void deploy_whenEcrIsThrottledBeyondRetries_skipsTheCheckWithAnEvent_andRollsOut() throws Exception {
            push("orders-busy:2", "linux/arm64");   // would be refused, were it read
            aws.fail("ecr", "GetAuthorizationToken", AwsFault.throttling(), 10);

            EksDeployResult result = deploy(ECR + "/orders-busy:2");

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(image()).isEqualTo(ECR + "/orders-busy:2");
            assertThat(events).filteredOn(PlatformCheckSkipped.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("platform check skipped for " + ECR + "/orders-busy:2")
                            .contains("throttled").doesNotContain(AwsStandIn.SECRET_ACCESS_KEY));
        }
    }
}
