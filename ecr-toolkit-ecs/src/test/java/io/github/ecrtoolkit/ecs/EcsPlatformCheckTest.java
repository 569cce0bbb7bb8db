package io.github.ecrtoolkit.ecs;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.CLUSTER;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.SERVICE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_42;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.deployment;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTaskDefinition;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTasks;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.registered;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskArns;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskDefinition41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.updateService;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.testing.ecs.FakeEcs;
import io.github.ecrtoolkit.testing.ecs.FakeTime;

/** The deploy-time platform check: an image the task definition's platform cannot run changes nothing. */
class EcsPlatformCheckTest {

    private static final EcsService ORDERS = EcsService.of(CLUSTER, SERVICE);
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    private FakeEcs ecs;
    private FakeTime time;
    private final List<String> looked = new ArrayList<>();

    @BeforeEach
    void start() {
        ecs = new FakeEcs();
        time = new FakeTime();
        ecs.answer("RegisterTaskDefinition", ok(registered(42)))
                .answer("UpdateService", ok(updateService(TD_42, List.of(completed()))))
                .answer("ListTasks", ok(taskArns()))
                .answer("DescribeTasks", ok(describeTasks()))
                .sequence("DescribeServices", ok(describeServices(List.of(steady41()), List.of())),
                        ok(describeServices(List.of(completed()), List.of())));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private EcsDeployer deployer(List<Platform> imagePlatforms) {
        return EcsDeployer.builder().client(ecs.client()).pollInterval(Duration.ofSeconds(5)).clock(time).sleeper(time)
                .imagePlatforms(image -> {
                    looked.add(image);
                    return imagePlatforms;
                }).build();
    }

    @Test
    void deploy_amd64ImageToAnArm64TaskDefinition_isRefusedNamingBoth_andNothingIsRegistered() {
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())));   // runtimePlatform ARM64
        try (EcsDeployer deployer = deployer(List.of(AMD64))) {
            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")))
                    .isInstanceOfSatisfying(PlatformMismatchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(EcrToolkitException.Reason.INVALID_INPUT);
                        assertThat(e.imagePlatforms()).containsExactly(AMD64);
                        assertThat(e.targetPlatforms()).containsExactly(ARM64);
                    })
                    .hasMessageContaining("is built for linux/amd64").hasMessageContaining("runtimePlatform ARM64")
                    .hasMessageContaining("runs linux/arm64").hasMessageContaining("nothing was changed");
        }
        assertThat(looked).containsExactly(NEW_IMAGE);
        assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
        assertThat(ecs.requests("UpdateService")).isEmpty();
    }

    @Test
    void deploy_arm64ImageToATaskDefinitionWithoutRuntimePlatform_isRefused_asEcsRunsX86_64ThenByDefault() {
        ObjectNode withoutPlatform = taskDefinition41();
        withoutPlatform.remove("runtimePlatform");
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(withoutPlatform)));
        try (EcsDeployer deployer = deployer(List.of(ARM64))) {
            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")))
                    .isInstanceOf(PlatformMismatchException.class)
                    .hasMessageContaining("no runtimePlatform, so x86_64").hasMessageContaining("runs linux/amd64");
        }
        assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
    }

    @Test
    void deploy_multiPlatformImage_goesAhead() {
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())));
        try (EcsDeployer deployer = deployer(List.of(AMD64, Platform.parse("linux/arm64/v8")))) {
            assertThat(deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")).outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        }
        assertThat(ecs.requests("RegisterTaskDefinition")).hasSize(1);
    }

    @Test
    void deploy_platformsNotKnown_goesAhead_unchecked() {
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())));
        try (EcsDeployer deployer = EcsDeployer.builder().client(ecs.client()).pollInterval(Duration.ofSeconds(5)).clock(time)
                .sleeper(time).imagePlatforms(ImagePlatforms.UNKNOWN).build()) {
            assertThat(deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")).outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
        }
        assertThat(ecs.requests("RegisterTaskDefinition")).hasSize(1);
    }

    private static ObjectNode completed() {
        return deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 0, 2, 0, "COMPLETED", "ECS deployment " + NEW_DEPLOYMENT + " completed.");
    }
}
