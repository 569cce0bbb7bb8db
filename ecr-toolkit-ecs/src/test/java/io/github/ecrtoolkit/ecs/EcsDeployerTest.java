package io.github.ecrtoolkit.ecs;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.CLUSTER;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.OLD_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.OLD_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.ROLLBACK_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.SERVICE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_42;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.deployment;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTaskDefinition;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTasks;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.event;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.registered;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.task;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskArn;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskArns;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskDefinition41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.updateService;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.error;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsDeployEvent.RollbackBy;
import io.github.ecrtoolkit.testing.ecs.EcsJson;
import io.github.ecrtoolkit.testing.ecs.DeployPermissions;
import io.github.ecrtoolkit.testing.ecs.FakeEcs;
import io.github.ecrtoolkit.testing.ecs.FakeTime;

class EcsDeployerTest {

    private static final EcsService ORDERS = EcsService.of(CLUSTER, SERVICE);
    private static final Duration POLL = Duration.ofSeconds(5);

    private FakeEcs ecs;
    private EcsClient client;
    private FakeTime time;
    private EcsDeployer deployer;

    @BeforeEach
    void start() {
        ecs = new FakeEcs();
        client = ecs.client();
        time = new FakeTime();
        deployer = EcsDeployer.builder().client(client).pollInterval(POLL).clock(time).sleeper(time).build();
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())))
                .answer("RegisterTaskDefinition", ok(registered(42)))
                .answer("UpdateService", ok(updateService(TD_42, List.of(inProgress(0, 0, 0), oldActive()))))
                .answer("ListTasks", ok(taskArns()))
                .answer("DescribeTasks", ok(describeTasks()));
    }

    @AfterEach
    void stop() {
        DeployPermissions.assertCovered(ecs);
        deployer.close();
        client.close();
        ecs.close();
    }

    @Nested
    class Outcomes {

        @Test
        void deploy_whenDeploymentCompletes_succeedsWithNewRevisionServing() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of(event("e0", 0, "(service orders) has reached a steady state.")))),
                    ok(describeServices(List.of(inProgress(1, 1, 0), oldActive()), List.of(
                            event("e1", 10, "(service orders) has started 2 tasks: (task a) (task b).")))),
                    ok(describeServices(List.of(completed()), List.of(
                            event("e1", 10, "(service orders) has started 2 tasks: (task a) (task b)."),
                            event("e2", 60, "(service orders) has stopped 2 running tasks: (task c) (task d)."),
                            event("e3", 90, "(service orders) (deployment " + NEW_DEPLOYMENT + ") deployment completed."),
                            event("e4", 91, "(service orders) has reached a steady state.")))));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.previousTaskDefinition()).isEqualTo(TD_41);
            assertThat(result.newTaskDefinition()).contains(TD_42);
            assertThat(result.servingRevision()).contains(TD_42);
            assertThat(result.deploymentId()).contains(NEW_DEPLOYMENT);
            assertThat(result.rollbackDeploymentId()).isEmpty();
            assertThat(result.reason()).isEmpty();
            assertThat(result.target()).isEqualTo(ORDERS);
            assertThat(result.image()).isEqualTo(NEW_IMAGE);
            // only the entries that appeared during the deploy, oldest first
            assertThat(result.serviceEvents()).extracting(EcsDeployEvent.ServiceEventObserved::id)
                    .containsExactly("e1", "e2", "e3", "e4");
            assertThat(result.events()).hasAtLeastOneElementOfType(EcsDeployEvent.TaskDefinitionRegistered.class)
                    .hasAtLeastOneElementOfType(EcsDeployEvent.DeploymentStarted.class)
                    .hasAtLeastOneElementOfType(EcsDeployEvent.DeploymentProgress.class);
            assertThat(result.elapsed()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12)); // two polls, 5 s +-20%

            JsonNode update = ecs.requests("UpdateService").get(0);
            assertThat(update.path("cluster").asText()).isEqualTo(CLUSTER);
            assertThat(update.path("service").asText()).isEqualTo(SERVICE);
            assertThat(update.path("taskDefinition").asText()).isEqualTo(TD_42);
            assertThat(update.path("forceNewDeployment").asBoolean()).isFalse();
            assertThat(ecs.requests("DescribeTaskDefinition").get(0).path("include").toString()).isEqualTo("[\"TAGS\"]");
            assertThat(ecs.requests("ListTasks")).allSatisfy(r -> {
                assertThat(r.path("startedBy").asText()).isEqualTo(NEW_DEPLOYMENT);
                assertThat(r.path("desiredStatus").asText()).isEqualTo("STOPPED");
            });
        }

        @Test
        void deploy_whenFirstReadIsFromBeforeTheUpdate_keepsWatching_insteadOfCallingItARollback() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(steady41()), List.of())), // eventually consistent: no new deployment yet
                    ok(describeServices(List.of(completed()), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(ecs.requests("DescribeServices")).hasSize(3);
        }

        @Test
        void deploy_whenCircuitBreakerRollsBack_reportsRolledBackWithReasonAndStoppedTasks() {
            String reason = "ECS deployment circuit breaker: tasks failed to start.";
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(inProgress(0, 2, 2), oldActive()), List.of(
                            event("e1", 20, "(service orders) has started 2 tasks: (task t1) (task t2).")))),
                    ok(describeServices(List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 1, 0, "IN_PROGRESS",
                                    "ECS deployment " + ROLLBACK_DEPLOYMENT + " in progress."),
                            deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 0, 0, 0, 3, "FAILED", reason)), List.of(
                            event("e2", 40, "(service orders) (deployment " + NEW_DEPLOYMENT + ") deployment failed: "
                                    + "tasks failed to start."),
                            event("e3", 41, "(service orders) rolling back to deployment " + OLD_DEPLOYMENT + ".")))),
                    ok(describeServices(List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED",
                                    "ECS deployment " + ROLLBACK_DEPLOYMENT + " completed.")), List.of(
                            event("e4", 80, "(service orders) has reached a steady state.")))));
            ecs.answerWhen("ListTasks", "$.startedBy", NEW_DEPLOYMENT, ok(taskArns(taskArn("t1"))))
                    .answer("DescribeTasks", ok(describeTasks(task("t1", TD_42, NEW_DEPLOYMENT, "STOPPED",
                            "EssentialContainerExited", "Essential container in task exited",
                            "web", 1, null, "envoy", 137, null))));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).contains(reason);
            assertThat(result.servingRevision()).contains(TD_41);
            assertThat(result.newTaskDefinition()).contains(TD_42);
            assertThat(result.rollbackDeploymentId()).contains(ROLLBACK_DEPLOYMENT);
            assertThat(result.stoppedTasks()).singleElement().satisfies(t -> {
                assertThat(t.taskArn()).isEqualTo(taskArn("t1"));
                assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
                assertThat(t.stopCode()).isEqualTo("EssentialContainerExited");
                assertThat(t.exitCodes()).isEqualTo(Map.of("web", 1, "envoy", 137));
            });
            assertThat(result.events()).filteredOn(EcsDeployEvent.RollbackStarted.class::isInstance)
                    .singleElement().satisfies(e -> assertThat(((EcsDeployEvent.RollbackStarted) e).by())
                            .isEqualTo(RollbackBy.CIRCUIT_BREAKER));
            assertThat(result.serviceEvents()).extracting(EcsDeployEvent.ServiceEventObserved::id)
                    .containsExactly("e1", "e2", "e3", "e4");
            assertThat(ecs.requests("UpdateService")).hasSize(1); // the breaker rolled back, not us
        }

        @Test
        void deploy_whenBreakerRollsBackToAnOlderCompletedRevision_reportsWhatServesNow() {
            String td40 = EcsJson.taskDefinitionArn(40);
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", td40, 2, 0, 2, 0, "COMPLETED", "done"),
                            deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 0, 0, 0, 4, "FAILED",
                                    "ECS deployment circuit breaker: tasks failed to start.")), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.servingRevision()).contains(td40);
        }

        @Test
        void deploy_whenAnotherDeploymentSupersedesOurs_reportsFailedNamingIt() {
            String td43 = EcsJson.taskDefinitionArn(43);
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(
                            deployment("ecs-svc/4444", "PRIMARY", td43, 2, 2, 0, 0, "IN_PROGRESS", ""),
                            deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 2, 0, 1, 0, "IN_PROGRESS", "")), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("superseded by deployment "
                    + "ecs-svc/4444 of " + td43));
        }

        @Test
        void deploy_whenRolloutFailsWithoutRollback_reportsFailedWithRolloutStateReason() {
            String reason = "ECS deployment circuit breaker: tasks failed to start.";
            ecs.sequence("DescribeServices",
                    ok(describeServices(TD_41, "ECS", false, List.of(steady41()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 1), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 0, 0, 3, "FAILED", reason),
                            oldActive()), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(result.reason()).contains(reason);
            assertThat(result.servingRevision()).isEmpty();
            assertThat(ecs.requests("UpdateService")).hasSize(1);
        }

        @Test
        void deploy_whenDeploymentNeverSettles_timesOutAtTheCallersLimit() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(inProgress(1, 1, 0), oldActive()), List.of())));
            long realStart = System.nanoTime();

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE,
                    opts -> opts.container("web").timeout(Duration.ofMinutes(2)));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains(NEW_DEPLOYMENT)
                    .contains("had not settled after PT2M").contains("IN_PROGRESS 1/2 running"));
            assertThat(result.servingRevision()).isEmpty();
            assertThat(result.elapsed()).isEqualTo(Duration.ofMinutes(2));
            assertThat(ecs.requests("DescribeServices").size()).isBetween(20, 32); // polls every 5 s +-20%
            assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(20));
        }

        @Test
        void deploy_whenThrottledInTheMiddle_backsOffAndStillSucceeds() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(inProgress(2, 1, 0), oldActive()), List.of())),
                    throttled(), throttled(),
                    ok(describeServices(List.of(completed()), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            List<EcsDeployEvent.Throttled> throttles = result.events().stream()
                    .filter(EcsDeployEvent.Throttled.class::isInstance).map(EcsDeployEvent.Throttled.class::cast).toList();
            assertThat(throttles).extracting(EcsDeployEvent.Throttled::operation)
                    .containsExactly("DescribeServices", "DescribeServices");
            assertThat(throttles).extracting(EcsDeployEvent.Throttled::backoff)
                    .containsExactly(POLL.multipliedBy(2), POLL.multipliedBy(4));
            // the waits after each throttle are the doubled ones (+-20% jitter), then back to normal
            List<Duration> sleeps = time.sleeps();
            assertThat(sleeps).hasSize(4);
            assertThat(sleeps.get(0)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(sleeps.get(2)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(sleeps.get(3)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
        }

        @Test
        void deploy_whenEcsAnswers5xxWhileWatching_keepsWatching() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    error(500, "ServerException", "Service Unavailable. Please try again later."),
                    ok(describeServices(List.of(completed()), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(ecs.requests("DescribeServices")).hasSize(3);
        }

        @Test
        void deploy_neverShowsEnvironmentValues_inEventsOrResult() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of())));
            List<String> heard = new ArrayList<>();

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")
                    .environment("DB_PASSWORD", "hunter2-very-secret").listener(e -> heard.add(e.message())));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.toString()).doesNotContain("hunter2-very-secret");
            assertThat(heard).isNotEmpty().noneMatch(m -> m.contains("hunter2-very-secret"));
            // it did reach ECS, where it belongs
            assertThat(ecs.requests("RegisterTaskDefinition").get(0).toString()).contains("hunter2-very-secret");
        }

        @Test
        void deploy_withRollbackOnFailure_rollsBackAfterThresholdOfFailedTasks_andWaitsForIt() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(TD_41, "ECS", false, List.of(steady41()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 1), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 2), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 1, 1, 0, "IN_PROGRESS", ""),
                            deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 2, 0, 0, 2, "IN_PROGRESS", "")), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED", "done")),
                            List.of())));
            ecs.sequence("UpdateService",
                    ok(updateService(TD_42, List.of(inProgress(0, 0, 0), oldActive()))),
                    ok(updateService(TD_41, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 0, 0, "IN_PROGRESS", ""),
                            deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 2, 0, 0, 2, "IN_PROGRESS", "")))));
            ecs.answerWhen("ListTasks", "$.startedBy", NEW_DEPLOYMENT, ok(taskArns(taskArn("t7"))))
                    .answer("DescribeTasks", ok(describeTasks(task("t7", TD_42, NEW_DEPLOYMENT, "STOPPED",
                            "EssentialContainerExited", "Essential container in task exited",
                            "web", 137, "OutOfMemoryError: Container killed due to memory usage", "envoy", 0, null))));
            EcsDeployer failFast = EcsDeployer.builder().client(client).pollInterval(POLL).clock(time).sleeper(time)
                    .failedTaskThreshold(2).build();

            EcsDeployResult result = failFast.deploy(ORDERS, NEW_IMAGE,
                    opts -> opts.container("web").rollbackOnFailure(true));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("2 tasks failed (threshold 2)")
                    .contains("web exit 137: OutOfMemoryError"));
            assertThat(result.stoppedTasks()).extracting(StoppedTask::taskArn).containsExactly(taskArn("t7"));
            assertThat(result.servingRevision()).contains(TD_41);
            assertThat(result.rollbackDeploymentId()).contains(ROLLBACK_DEPLOYMENT);
            assertThat(result.events()).filteredOn(EcsDeployEvent.RollbackStarted.class::isInstance)
                    .singleElement().satisfies(e -> assertThat(((EcsDeployEvent.RollbackStarted) e).by())
                            .isEqualTo(RollbackBy.DEPLOYER));
            List<JsonNode> updates = ecs.requests("UpdateService");
            assertThat(updates).hasSize(2);
            assertThat(updates.get(1).path("taskDefinition").asText()).isEqualTo(TD_41);
            assertThat(updates.get(1).path("forceNewDeployment").asBoolean()).isTrue();
            // the previous revision is what serves now: nothing deregistered it
            assertThat(ecs.requests("DeregisterTaskDefinition")).isEmpty();
        }

        @Test
        void deploy_withRollbackAfter_rollsBackASlowRollout_evenWithoutFailedTasks() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(TD_41, "ECS", false, List.of(steady41()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 0), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 0), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 0), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(inProgress(0, 2, 0), oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED", "done")),
                            List.of())));
            ecs.sequence("UpdateService",
                    ok(updateService(TD_42, List.of(inProgress(0, 0, 0), oldActive()))),
                    ok(updateService(TD_41, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 0, 0, "IN_PROGRESS", "")))));
            EcsDeployer impatient = EcsDeployer.builder().client(client).pollInterval(POLL).clock(time).sleeper(time)
                    .rollbackAfter(Duration.ofSeconds(12)).build();

            EcsDeployResult result = impatient.deploy(ORDERS, NEW_IMAGE,
                    opts -> opts.container("web").rollbackOnFailure(true));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).contains("not completed within PT12S");
            assertThat(ecs.requests("UpdateService")).hasSize(2);
        }

        @Test
        void deploy_withRollbackOnFailure_rollsBackAFailedRollout() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(TD_41, "ECS", false, List.of(steady41()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 0, 0, 1, "FAILED", "tasks failed to start"),
                            oldActive()), List.of())),
                    ok(describeServices(TD_41, "ECS", false, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED", "done")),
                            List.of())));
            ecs.sequence("UpdateService",
                    ok(updateService(TD_42, List.of(inProgress(0, 0, 0), oldActive()))),
                    ok(updateService(TD_41, List.of(
                            deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 0, 0, "IN_PROGRESS", "")))));

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE,
                    opts -> opts.container("web").rollbackOnFailure(true));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).contains("tasks failed to start");
            assertThat(ecs.requests("UpdateService")).hasSize(2);
        }

        @Test
        void deploy_whenImageIsUnchanged_forcesANewDeploymentOfTheSameRevision_withoutRegistering() {
            ecs.answer("UpdateService", ok(updateService(TD_41, List.of(
                    deployment(NEW_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 0, 0, "IN_PROGRESS", ""), oldActive()))));
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(
                            deployment(NEW_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED", "done")), List.of())));

            EcsDeployResult result = deployer.deploy(ORDERS, OLD_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.newTaskDefinition()).contains(TD_41);
            assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
            JsonNode update = ecs.requests("UpdateService").get(0);
            assertThat(update.path("taskDefinition").asText()).isEqualTo(TD_41);
            assertThat(update.path("forceNewDeployment").asBoolean()).isTrue();
        }

        @Test
        void deploy_sendsEveryEventToTheListener_inTheResultsOrder() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of(event("e1", 5, "steady")))));
            List<DeployEvent> heard = new ArrayList<>();

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE,
                    opts -> opts.container("web").listener(heard::add));

            assertThat(heard).isNotEmpty().isEqualTo(result.events());
        }
    }

    @Nested
    class NewRevision {

        @Test
        void register_copiesTheTaskDefinitionBySdkModel_unknownFieldsUnchanged_readOnlyFieldsDropped() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of())));

            deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            JsonNode registered = ecs.requests("RegisterTaskDefinition").get(0);
            ObjectNode expected = taskDefinition41();
            for (String readOnly : List.of("taskDefinitionArn", "revision", "status", "requiresAttributes",
                    "compatibilities", "registeredAt", "registeredBy", "deregisteredAt")) {
                expected.remove(readOnly);
            }
            ((ObjectNode) expected.path("containerDefinitions").get(0)).put("image", NEW_IMAGE);
            expected.set("tags", EcsJson.tags());
            // the whole request equals the description minus the read-only fields, plus tags, new image
            assertThat(registered).isEqualTo(expected);
            assertThat(registered.path("ephemeralStorage").path("sizeInGiB").asInt()).isEqualTo(50);
            assertThat(registered.path("runtimePlatform").path("cpuArchitecture").asText()).isEqualTo("ARM64");
            assertThat(registered.path("proxyConfiguration").path("properties")).hasSize(5);
            assertThat(registered.path("enableFaultInjection").asBoolean()).isTrue();
            assertThat(registered.path("containerDefinitions").get(1).path("image").asText())
                    .contains("aws-appmesh-envoy"); // the other container is untouched
        }

        @Test
        void register_pinsTheImageByDigest_whenTheReferenceHasOne() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of())));
            String digest = "sha256:" + "ab".repeat(32);

            EcsDeployResult result = deployer.deploy(ORDERS, NEW_IMAGE + "@" + digest, opts -> opts.container("web"));

            String pinned = NEW_IMAGE.substring(0, NEW_IMAGE.lastIndexOf(':')) + "@" + digest;
            assertThat(ecs.requests("RegisterTaskDefinition").get(0).path("containerDefinitions").get(0)
                    .path("image").asText()).isEqualTo(pinned);
            assertThat(result.image()).isEqualTo(pinned);
        }

        @Test
        void register_appliesEnvironmentAndSecretChanges_toTheChosenContainerOnly() {
            ecs.sequence("DescribeServices",
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of())));
            String apiKeyArn = "arn:aws:ssm:eu-west-1:123456789012:parameter/orders/api-key";

            deployer.deploy(ORDERS, NEW_IMAGE, DeployOptions.builder()
                    .container("web").environment("LOG_LEVEL", "debug").environment("FEATURE_X", "on")
                    .environment("DB_PASSWORD", "now-plain").build(), Map.of("API_KEY", apiKeyArn));

            JsonNode web = ecs.requests("RegisterTaskDefinition").get(0).path("containerDefinitions").get(0);
            // existing names keep their place, new names follow sorted; DB_PASSWORD moved from secrets
            assertThat(web.path("environment").toString()).isEqualTo("[{\"name\":\"SPRING_PROFILES_ACTIVE\","
                    + "\"value\":\"prod\"},{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"},{\"name\":\"DB_PASSWORD\","
                    + "\"value\":\"now-plain\"},{\"name\":\"FEATURE_X\",\"value\":\"on\"}]");
            assertThat(web.path("secrets").toString())
                    .isEqualTo("[{\"name\":\"API_KEY\",\"valueFrom\":\"" + apiKeyArn + "\"}]");
            JsonNode envoy = ecs.requests("RegisterTaskDefinition").get(0).path("containerDefinitions").get(1);
            assertThat(envoy.path("environment")).hasSize(1);
        }
    }

    @Nested
    class Validation {

        @Test
        void deploy_withUnknownContainer_listsTheRealOnes_andChangesNothing() {
            ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())));

            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("worker")))
                    .isInstanceOfSatisfying(EcsUnknownContainerException.class, e -> {
                        assertThat(e.containers()).containsExactly("web", "envoy");
                        assertThat(e.cluster()).isEqualTo(CLUSTER);
                        assertThat(e.service()).isEqualTo(SERVICE);
                        assertThat(e.taskDefinition()).isEqualTo(TD_41);
                    })
                    .hasMessageContaining("[worker]").hasMessageContaining("[web, envoy]")
                    .hasMessageContaining("Nothing was registered");
            assertNothingChanged();
        }

        @Test
        void deploy_withoutContainerName_whenSeveralContainers_refusesToGuess() {
            ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())));

            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE))
                    .isInstanceOf(EcsUnknownContainerException.class)
                    .hasMessageContaining("has 2 containers [web, envoy]").hasMessageContaining("container(..)");
            assertNothingChanged();
        }

        @Test
        void deploy_whenServiceDoesNotExist_throwsNotFound_andChangesNothing() {
            ecs.answer("DescribeServices", ok(EcsJson.describeServicesMissing("nope")));

            assertThatThrownBy(() -> deployer.deploy(EcsService.of(CLUSTER, "nope"), NEW_IMAGE))
                    .isInstanceOfSatisfying(EcsServiceNotFoundException.class, e -> {
                        assertThat(e.cluster()).isEqualTo(CLUSTER);
                        assertThat(e.service()).isEqualTo("nope");
                    })
                    .hasMessageContaining("service nope was not found in cluster prod");
            assertNothingChanged();
            assertThat(ecs.requests("DescribeTaskDefinition")).isEmpty();
        }

        @Test
        void deploy_whenClusterDoesNotExist_throwsNotFound() {
            ecs.answer("DescribeServices", error(400, "ClusterNotFoundException", "Cluster not found."));

            assertThatThrownBy(() -> deployer.deploy(EcsService.of("nocluster", SERVICE), NEW_IMAGE))
                    .isInstanceOf(EcsServiceNotFoundException.class)
                    .hasMessageContaining("ClusterNotFoundException").hasMessageContaining("nocluster");
            assertNothingChanged();
        }

        @Test
        void deploy_whenCodeDeployRunsTheService_refusesClearly_andChangesNothing() {
            ecs.answer("DescribeServices", ok(describeServices(TD_41, "CODE_DEPLOY", false, List.of(steady41()),
                    List.of())));

            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")))
                    .isInstanceOfSatisfying(EcsUnsupportedControllerException.class,
                            e -> assertThat(e.controller()).isEqualTo("CODE_DEPLOY"))
                    .hasMessageContaining("CODE_DEPLOY").hasMessageContaining("CodeDeploy");
            assertNothingChanged();
        }

        @Test
        void deploy_whenCredentialsAreRefused_saysSo_withoutShowingTheSecret() {
            ecs.answer("DescribeServices", error(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));

            assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE))
                    .isInstanceOfSatisfying(EcsAccessDeniedException.class, e -> {
                        assertThat(e.operation()).isEqualTo("DescribeServices");
                        assertThat(e.getMessage()).doesNotContain(FakeEcs.SECRET_KEY);
                        assertThat(e.toString()).doesNotContain(FakeEcs.SECRET_KEY);
                        assertThat(String.valueOf(e.getCause())).doesNotContain(FakeEcs.SECRET_KEY);
                    })
                    .hasMessageContaining("UnrecognizedClientException").hasMessageContaining("credentials");
            assertNothingChanged();
        }

        @Test
        void deploy_withBlankImage_failsBeforeAnyCall() {
            assertThatThrownBy(() -> deployer.deploy(ORDERS, " ")).isInstanceOf(IllegalArgumentException.class);
            assertThat(ecs.operations()).isEmpty();
        }

        private void assertNothingChanged() {
            assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
            assertThat(ecs.requests("UpdateService")).isEmpty();
            assertThat(ecs.requests("RunTask")).isEmpty();
            assertThat(ecs.requests("DeregisterTaskDefinition")).isEmpty();
        }
    }

    @Nested
    class CleanUp {

        @Test
        void keepRevisions_deregistersOldRevisions_butNeverOneAServiceStillRuns() {
            ecs.sequenceWhen("DescribeServices", "$.services[0]", SERVICE,
                    ok(describeServices(List.of(steady41()), List.of())),
                    ok(describeServices(List.of(completed()), List.of())));
            // the clean-up describes the cluster's services in one batch: billing still runs revision 38
            String td38 = EcsJson.taskDefinitionArn(38);
            ObjectNode both = describeServices(TD_42, "ECS", true, List.of(completed()), List.of());
            ((ArrayNode) both.path("services")).add(EcsJson.serviceObject(td38, "ECS",
                    true, List.of(deployment("ecs-svc/9", "PRIMARY", td38, 1, 0, 1, 0, "COMPLETED", "done")), List.of())
                    .put("serviceArn", BILLING_ARN).put("serviceName", "billing"));
            ecs.answerWhen("DescribeServices", "$.services[1]", BILLING_ARN, ok(both));
            ObjectNode services = JsonNodeFactory.instance.objectNode();
            services.putArray("serviceArns").add(EcsJson.SERVICE_ARN).add(BILLING_ARN);
            ecs.answer("ListServices", ok(services));
            ObjectNode definitions = services.objectNode();
            ArrayNode arns = definitions.putArray("taskDefinitionArns");
            for (int revision = 42; revision >= 36; revision--) {
                arns.add(EcsJson.taskDefinitionArn(revision));
            }
            arns.add("arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-worker:9"); // another family
            ecs.answer("ListTaskDefinitions", ok(definitions));
            ecs.answer("DeregisterTaskDefinition", ok(registered(1)));
            EcsDeployer tidy = EcsDeployer.builder().client(client).pollInterval(POLL).clock(time).sleeper(time)
                    .keepRevisions(3).build();

            EcsDeployResult result = tidy.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web"));

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(ecs.requests("DeregisterTaskDefinition")).extracting(r -> r.path("taskDefinition").asText())
                    .containsExactly(EcsJson.taskDefinitionArn(39),
                            EcsJson.taskDefinitionArn(37),
                            EcsJson.taskDefinitionArn(36));
            assertThat(ecs.requests("ListTaskDefinitions").get(0).path("familyPrefix").asText()).isEqualTo("orders");
            assertThat(result.events()).filteredOn(EcsDeployEvent.RevisionDeregistered.class::isInstance).hasSize(3);
        }
    }

    private static final String BILLING_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/prod/billing";

    // ---- deployments of revision 42 ----------------------------------------------------------------

    private static ObjectNode inProgress(int running, int pending, int failed) {
        return deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, pending, running, failed, "IN_PROGRESS",
                "ECS deployment " + NEW_DEPLOYMENT + " in progress.");
    }

    private static ObjectNode completed() {
        return deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 0, 2, 0, "COMPLETED",
                "ECS deployment " + NEW_DEPLOYMENT + " completed.");
    }

    private static ObjectNode oldActive() {
        return deployment(OLD_DEPLOYMENT, "ACTIVE", TD_41, 2, 0, 2, 0, "COMPLETED",
                "ECS deployment " + OLD_DEPLOYMENT + " completed.");
    }
}
