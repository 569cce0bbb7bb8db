package io.github.ecrtoolkit.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;
import software.amazon.awssdk.services.ecs.model.OSFamily;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.ecs.FakeTime;
import io.github.ecrtoolkit.testing.registry.LocalRegistry;

/**
 * The platform check a deployer makes without being asked: the image on "ECR" (a real registry that
 * the ECR stand-in's tokens name) against the service's task definition, all before any change.
 */
class EcsDefaultPlatformCheckTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();

    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final EcsService ORDERS = EcsService.of("prod", "orders");

    @TempDir
    Path dir;

    private final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    private EcsClient ecs;

    @BeforeEach
    void start() {
        ecs = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        aws.ecs().givenCluster("prod");
        String arm64 = ecs.registerTaskDefinition(r -> r.family("orders").networkMode("bridge")
                .runtimePlatform(p -> p.cpuArchitecture(CPUArchitecture.ARM64).operatingSystemFamily(OSFamily.LINUX))
                .containerDefinitions(c -> c.name("web").image(ECR + "/orders:1").memory(256).essential(true)))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("prod").serviceName("orders").taskDefinition(arm64).desiredCount(1).launchType("EC2"));
        aws.ecr().registry(registry.host(), registry.credentials());
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    /** A deployer as users make it: no {@code imagePlatforms(..)}. */
    private EcsDeployer deployer() {
        FakeTime time = new FakeTime();
        return EcsDeployer.builder().client(ecs).clock(time).sleeper(time).pollInterval(Duration.ofSeconds(5)).build();
    }

    private EcsDeployResult deploy(String image) {
        try (EcsDeployer deployer = deployer()) {
            return deployer.deploy(ORDERS, image, opts -> opts.container("web").timeout(Duration.ofMinutes(5)).listener(events::add));
        }
    }

    private void push(String tag, String... platforms) throws Exception {
        Path file = Files.writeString(dir.resolve("app.txt"), tag);
        try (Registry target = registry.client()) {
            target.image().layer(file, "/app/app.txt").platforms(platforms).tag(tag).push();
        }
    }

    private List<String> changes() {
        return aws.operations("ecs").stream().filter(op -> op.equals("RegisterTaskDefinition") || op.equals("UpdateService")).toList();
    }

    @Test
    void deploy_amd64OnlyImageToAnArm64Service_isRefusedNamingBoth_andNothingIsRegistered() throws Exception {
        push("orders-amd64:1", "linux/amd64");
        int before = changes().size();

        assertThatThrownBy(() -> deploy(ECR + "/orders-amd64:1"))
                .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                    assertThat(e.imagePlatforms()).containsExactly(Platform.parse("linux/amd64"));
                    assertThat(e.targetPlatforms()).containsExactly(Platform.parse("linux/arm64"));
                })
                .hasMessageContaining("is built for linux/amd64").hasMessageContaining("runtimePlatform ARM64")
                .hasMessageContaining("nothing was changed");
        assertThat(changes()).hasSize(before);
        assertThat(aws.operations("ecr")).contains("GetAuthorizationToken");
    }

    @Test
    void deploy_twoPlatformIndex_goesAhead() throws Exception {
        push("orders-multi:1", "linux/amd64", "linux/arm64");

        EcsDeployResult result = deploy(ECR + "/orders-multi:1");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(aws.ecs().service("prod", "orders").orElseThrow().taskDefinition()).endsWith("orders:2");
        assertThat(events).noneMatch(EcsDeployEvent.PlatformCheckSkipped.class::isInstance);
    }

    @Test
    void deploy_imageNotInTheRepository_isRefusedSayingPushItFirst_andNothingIsRegistered() throws Exception {
        push("orders-missing:1", "linux/arm64");
        int before = changes().size();

        assertThatThrownBy(() -> deploy(ECR + "/orders-missing:2"))
                .isInstanceOf(ManifestNotFoundException.class)
                .hasMessageContaining(ECR + "/orders-missing:2 is not in the repository").hasMessageContaining("push it first")
                .hasMessageNotContaining(registry.credentials().password().orElseThrow());
        assertThat(changes()).hasSize(before);
    }

    @Test
    void deploy_whenEcrDeniesTheToken_skipsTheCheckWithAnEvent_andDeploys() throws Exception {
        push("orders-denied:1", "linux/amd64");   // would be refused, were it read
        aws.failNext("ecr", "GetAuthorizationToken", AwsFault.accessDenied("ecr:GetAuthorizationToken"));

        EcsDeployResult result = deploy(ECR + "/orders-denied:1");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(events).filteredOn(EcsDeployEvent.PlatformCheckSkipped.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("platform check skipped for " + ECR + "/orders-denied:1")
                        .contains("access denied").contains("ecr:GetAuthorizationToken")
                        .doesNotContain(AwsStandIn.SECRET_ACCESS_KEY));
        assertThat(changes()).contains("RegisterTaskDefinition", "UpdateService");
    }

    @Test
    void deploy_withTheCheckTurnedOff_readsNothing_andDeploys() throws Exception {
        push("orders-off:1", "linux/amd64");
        FakeTime time = new FakeTime();
        try (EcsDeployer deployer = EcsDeployer.builder().client(ecs).clock(time).sleeper(time).pollInterval(Duration.ofSeconds(5))
                .imagePlatforms(ImagePlatforms.UNKNOWN).build()) {
            assertThat(deployer.deploy(ORDERS, ECR + "/orders-off:1", opts -> opts.container("web")).outcome())
                    .isEqualTo(DeployOutcome.SUCCEEDED);
        }
        assertThat(aws.operations("ecr")).isEmpty();
    }

    @Test
    void deploy_imageOnAnotherRegistry_isNotChecked() {
        EcsDeployResult result = deploy("registry.example.com/orders:1");

        assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(aws.operations("ecr")).isEmpty();
    }
}
