package io.github.ecrtoolkit.ecs;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.CLUSTER;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.SERVICE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_42;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTaskDefinition;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTasks;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.registered;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.runTask;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.runTaskFailure;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.task;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskArn;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskDefinition41;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.testing.ecs.DeployPermissions;
import io.github.ecrtoolkit.testing.ecs.FakeEcs;
import io.github.ecrtoolkit.testing.ecs.FakeTime;

class EcsRunTaskTest {

    private static final EcsService ORDERS = EcsService.of(CLUSTER, SERVICE);

    private FakeEcs ecs;
    private EcsClient client;
    private EcsDeployer deployer;

    @BeforeEach
    void start() {
        ecs = new FakeEcs();
        client = ecs.client();
        FakeTime time = new FakeTime();
        deployer = EcsDeployer.builder().client(client).pollInterval(Duration.ofSeconds(5)).clock(time).sleeper(time)
                .build();
        ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())))
                .answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())))
                .answer("RegisterTaskDefinition", ok(registered(42)))
                .answer("RunTask", ok(runTask(task("m1", TD_42, "ecr-toolkit", "PROVISIONING", null, null,
                        "web", null, null, "envoy", null, null))));
    }

    @AfterEach
    void stop() {
        DeployPermissions.assertCovered(ecs);
        deployer.close();
        client.close();
        ecs.close();
    }

    @Test
    void runTask_whenContainerExitsZero_succeedsWithEveryContainersExitCode() {
        ecs.sequence("DescribeTasks",
                ok(describeTasks(task("m1", TD_42, "ecr-toolkit", "RUNNING", null, null,
                        "web", null, null, "envoy", null, null))),
                ok(describeTasks(task("m1", TD_42, "ecr-toolkit", "STOPPED", "EssentialContainerExited",
                        "Essential container in task exited", "web", 0, null, "envoy", 137, null))));

        EcsTaskResult result = deployer.runTask(ORDERS, NEW_IMAGE,
                task -> task.container("web").command("bin/migrate", "--yes").environment("DRY_RUN", "false"));

        assertThat(result.outcome()).isEqualTo(TaskOutcome.SUCCEEDED);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCodes()).isEqualTo(Map.of("web", 0, "envoy", 137));
        assertThat(result.taskArn()).contains(taskArn("m1"));
        assertThat(result.taskDefinition()).isEqualTo(TD_42);
        assertThat(result.container()).isEqualTo("web");
        assertThat(result.reason()).isEmpty();

        JsonNode run = ecs.requests("RunTask").get(0);
        assertThat(run.path("cluster").asText()).isEqualTo(CLUSTER);
        assertThat(run.path("taskDefinition").asText()).isEqualTo(TD_42);
        assertThat(run.path("launchType").asText()).isEqualTo("FARGATE");
        assertThat(run.path("startedBy").asText()).isEqualTo("ecr-toolkit");
        assertThat(run.path("networkConfiguration").path("awsvpcConfiguration").path("subnets")).hasSize(2);
        JsonNode override = run.path("overrides").path("containerOverrides").get(0);
        assertThat(override.path("name").asText()).isEqualTo("web");
        assertThat(override.path("command").toString()).isEqualTo("[\"bin/migrate\",\"--yes\"]");
        assertThat(override.path("environment").toString()).isEqualTo("[{\"name\":\"DRY_RUN\",\"value\":\"false\"}]");
        assertThat(ecs.requests("RegisterTaskDefinition").get(0).path("containerDefinitions").get(0).path("image")
                .asText()).isEqualTo(NEW_IMAGE);
        assertThat(ecs.requests("UpdateService")).isEmpty(); // a one-off task does not touch the service
    }

    @Test
    void runTask_whenContainerExitsNonZero_failsAndSaysWhichCode() {
        ecs.answer("DescribeTasks", ok(describeTasks(task("m1", TD_42, "ecr-toolkit", "STOPPED",
                "EssentialContainerExited", "Essential container in task exited", "web", 3, null, "envoy", 0, null))));

        EcsTaskResult result = deployer.runTask(ORDERS, NEW_IMAGE, task -> task.container("web"));

        assertThat(result.outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(result.exitCodes()).containsEntry("web", 3);
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("container web exited with code 3")
                .contains("Essential container in task exited"));
    }

    @Test
    void runTask_whenImageCannotBePulled_failsWithoutExitCode() {
        ecs.answer("DescribeTasks", ok(describeTasks(task("m1", TD_42, "ecr-toolkit", "STOPPED", "TaskFailedToStart",
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found",
                "web", null, "CannotPullContainerError", "envoy", null, null))));

        EcsTaskResult result = deployer.runTask(ORDERS, NEW_IMAGE, task -> task.container("web"));

        assertThat(result.outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(result.exitCodes()).isEmpty();
        assertThat(result.stoppedTask()).hasValueSatisfying(t -> assertThat(t.stopCode()).isEqualTo("TaskFailedToStart"));
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("has no exit code")
                .contains("CannotPullContainerError"));
    }

    @Test
    void runTask_whenEcsCannotPlaceIt_failsWithEcsReason() {
        ecs.answer("RunTask", ok(runTaskFailure("RESOURCE:MEMORY")));

        EcsTaskResult result = deployer.runTask(ORDERS, NEW_IMAGE, task -> task.container("web"));

        assertThat(result.outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(result.taskArn()).isEmpty();
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("RESOURCE:MEMORY"));
        assertThat(ecs.requests("DescribeTasks")).isEmpty();
    }

    @Test
    void runTask_whenTaskOutlivesTheLimit_timesOutAndLeavesItRunning() {
        ecs.answer("DescribeTasks", ok(describeTasks(task("m1", TD_42, "ecr-toolkit", "RUNNING", null, null,
                "web", null, null, "envoy", null, null))));

        EcsTaskResult result = deployer.runTask(ORDERS, NEW_IMAGE,
                task -> task.container("web").timeout(Duration.ofMinutes(1)));

        assertThat(result.outcome()).isEqualTo(TaskOutcome.TIMED_OUT);
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("still RUNNING"));
        assertThat(ecs.requests("StopTask")).isEmpty();
    }

    @Test
    void runTask_withUnknownContainer_registersAndRunsNothing() {
        assertThatThrownBy(() -> deployer.runTask(ORDERS, NEW_IMAGE, task -> task.container("migrator")))
                .isInstanceOf(EcsUnknownContainerException.class).hasMessageContaining("[web, envoy]");
        assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
        assertThat(ecs.requests("RunTask")).isEmpty();
    }

    @Test
    void taskOptions_toString_showsEnvironmentNamesOnly() {
        EcsTaskOptions options = EcsTaskOptions.builder().environment("TOKEN", "tok-secret-123").build();

        assertThat(options.toString()).contains("TOKEN").doesNotContain("tok-secret-123");
    }
}
