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
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.PermissionsAssert;
import io.github.ecrtoolkit.testing.ecs.FakeTime;
import io.github.ecrtoolkit.testing.registry.LocalRegistry;

/**
 * {@code up} checks, before it reads or creates anything, that the image (on "ECR": a real registry
 * the ECR stand-in's tokens name) is built for the spec's architecture.
 */
class EcsUpPlatformCheckTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();

    private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final EcsServiceSpec ARM64_FARGATE = EcsServiceSpec.fargate("orders").cluster("prod").cpu(256).memoryMiB(512)
            .architecture(CpuArchitecture.ARM64).port(8080).desiredCount(1).build();

    @TempDir
    Path dir;

    private final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    private EcsClient ecsClient;
    private Ec2Client ec2Client;
    private IamClient iamClient;
    private CloudWatchLogsClient logsClient;

    @BeforeEach
    void start() {
        FakeTime time = new FakeTime();
        aws.clock(time);
        ClientOverrideConfiguration once = ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
        ecsClient = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        ec2Client = aws.configure(Ec2Client.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        iamClient = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        logsClient = aws.configure(CloudWatchLogsClient.builder()).httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(once).build();
        aws.ecr().registry(registry.host(), registry.credentials());
    }

    @AfterEach
    void stop() {
        ecsClient.close();
        ec2Client.close();
        iamClient.close();
        logsClient.close();
    }

    /** As users make it: no {@code imagePlatforms(..)} unless {@code lookup} is given. */
    private EcsServices services(ImagePlatforms... lookup) {
        FakeTime time = new FakeTime();
        EcsServices.Builder builder = EcsServices.builder().ecsClient(ecsClient).ec2Client(ec2Client).iamClient(iamClient)
                .logsClient(logsClient).clock(time).sleeper(time).pollInterval(Duration.ofSeconds(5))
                .timeout(Duration.ofMinutes(10)).listener(events::add);
        for (ImagePlatforms given : lookup) {
            builder.imagePlatforms(given);
        }
        return builder.build();
    }

    private void push(String tag, String... platforms) throws Exception {
        Path file = Files.writeString(dir.resolve("app.txt"), tag);
        try (Registry target = registry.client()) {
            target.image().layer(file, "/app/app.txt").platforms(platforms).tag(tag).push();
        }
    }

    private List<String> servicesOtherThanEcr() {
        return aws.calls().stream().map(AwsCall::action).filter(action -> !action.startsWith("ecr:")).toList();
    }

    @Test
    void up_amd64OnlyImageOnArm64Fargate_isRefusedNamingBoth_beforeAnyOtherCall() throws Exception {
        push("orders-amd64:1", "linux/amd64");

        try (EcsServices ecs = services()) {
            assertThatThrownBy(() -> ecs.up(ARM64_FARGATE, ECR + "/orders-amd64:1"))
                    .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                        assertThat(e.imagePlatforms()).containsExactly(Platform.parse("linux/amd64"));
                        assertThat(e.targetPlatforms()).containsExactly(Platform.parse("linux/arm64"));
                    })
                    .hasMessageContaining("is built for linux/amd64")
                    .hasMessageContaining("ECS service prod/orders (FARGATE, runtimePlatform ARM64)")
                    .hasMessageContaining("nothing was changed");
        }
        assertThat(aws.operations("ecr")).contains("GetAuthorizationToken");
        assertThat(servicesOtherThanEcr()).isEmpty();
        assertThat(aws.ecs().cluster("prod")).isEmpty();
        PermissionsAssert.coveredBy(Capability.ECS_UP, aws.calls());
    }

    @Test
    void plan_aDryRun_refusesWhatUpWouldRefuse_readingOnlyEcr_andPlansAnImageThatFits() throws Exception {
        push("orders-amd64:2", "linux/amd64");
        push("orders-multi:2", "linux/amd64", "linux/arm64");

        try (EcsServices ecs = services()) {
            assertThatThrownBy(() -> ecs.plan(ARM64_FARGATE, ECR + "/orders-amd64:2")).isInstanceOf(PlatformMismatchException.class)
                    .hasMessageContaining("is built for linux/amd64");
            assertThat(servicesOtherThanEcr()).isEmpty();

            assertThat(ecs.plan(ARM64_FARGATE, ECR + "/orders-multi:2").changes()).isNotEmpty();
        }
        assertThat(aws.ecs().cluster("prod")).isEmpty();
    }

    @Test
    void up_twoPlatformIndexOnArm64Fargate_createsTheService() throws Exception {
        push("orders-multi:1", "linux/amd64", "linux/arm64");

        EcsUpResult up;
        try (EcsServices ecs = services()) {
            up = ecs.up(ARM64_FARGATE, ECR + "/orders-multi:1");
        }

        assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(aws.ecs().service("prod", "orders")).isPresent();
        assertThat(events).noneMatch(EcsDeployEvent.PlatformCheckSkipped.class::isInstance);
        assertThat(aws.calls().get(0).action()).isEqualTo("ecr:GetAuthorizationToken");
        PermissionsAssert.coveredBy(Capability.ECS_UP, aws.calls());
    }

    @Test
    void up_x86SpecAndAnAmd64Image_onEc2Capacity_isCheckedAgainstTheSpecsArchitecture() throws Exception {
        push("orders-arm64:1", "linux/arm64");
        EcsServiceSpec ec2 = EcsServiceSpec.onEc2("orders").cluster("prod").cpu(256).memoryMiB(512).build();

        try (EcsServices ecs = services()) {
            assertThatThrownBy(() -> ecs.up(ec2, ECR + "/orders-arm64:1")).isInstanceOf(PlatformMismatchException.class)
                    .hasMessageContaining("ECS service prod/orders (EC2, runtimePlatform X86_64)");
        }
        assertThat(servicesOtherThanEcr()).isEmpty();
    }

    @Test
    void up_whenEcrDeniesTheToken_skipsTheCheckWithAnEvent_andCreatesTheService() throws Exception {
        push("orders-denied:1", "linux/amd64");   // would be refused, were it read
        aws.failNext("ecr", "GetAuthorizationToken", AwsFault.accessDenied("ecr:GetAuthorizationToken"));

        EcsUpResult up;
        try (EcsServices ecs = services()) {
            up = ecs.up(ARM64_FARGATE, ECR + "/orders-denied:1");
        }

        assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        assertThat(up.events()).filteredOn(EcsDeployEvent.PlatformCheckSkipped.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("platform check skipped for " + ECR + "/orders-denied:1")
                        .contains("access denied").doesNotContain(AwsStandIn.SECRET_ACCESS_KEY));
        PermissionsAssert.coveredBy(Capability.ECS_UP, aws.calls());
    }

    @Test
    void up_withTheCheckTurnedOff_readsNothingFromEcr() throws Exception {
        push("orders-off:1", "linux/amd64");

        try (EcsServices ecs = services(ImagePlatforms.UNKNOWN)) {
            assertThat(ecs.up(ARM64_FARGATE, ECR + "/orders-off:1").outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        }
        assertThat(aws.operations("ecr")).isEmpty();
    }
}
