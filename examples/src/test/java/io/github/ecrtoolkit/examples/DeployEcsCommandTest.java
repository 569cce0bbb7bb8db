package io.github.ecrtoolkit.examples;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.OLD_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.ROLLBACK_DEPLOYMENT;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_42;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.deployment;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTaskDefinition;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTasks;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.event;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.registered;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskArns;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskDefinition41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.updateService;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.testing.ecs.FakeEcs;

class DeployEcsCommandTest {

    private FakeEcs ecs;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        // the command takes credentials from the default chain: system properties are its first link
        System.setProperty("aws.accessKeyId", FakeEcs.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", FakeEcs.SECRET_KEY);
        ecs = new FakeEcs();
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())))
                .answer("RegisterTaskDefinition", ok(registered(42)))
                .answer("UpdateService", ok(updateService(TD_42, List.of(inProgress(0), oldActive()))))
                .answer("ListTasks", ok(taskArns()))
                .answer("DescribeTasks", ok(describeTasks()));
    }

    @AfterEach
    void stop() {
        ecs.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void deployEcs_whenRolloutCompletes_printsProgress_endsWithSucceeded_exitsZero() throws Exception {
        ecs.sequence("DescribeServices",
                ok(describeServices(List.of(steady41()), List.of())),
                ok(describeServices(List.of(inProgress(1), oldActive()), List.of(
                        event("e1", 10, "(service orders) has started 2 tasks: (task a) (task b).")))),
                ok(describeServices(List.of(deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 0, 2, 0, "COMPLETED",
                        "done")), List.of(event("e2", 60, "(service orders) has reached a steady state.")))));

        int exit = run("--cluster", "prod", "--service", "orders", "--image", NEW_IMAGE, "--container", "web",
                "--timeout", "5m");

        assertThat(exit).isZero();
        List<String> lines = lines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("outcome SUCCEEDED");
        assertThat(lines).anyMatch(l -> l.contains("registered " + TD_42))
                .anyMatch(l -> l.contains("has started 2 tasks"))
                .anyMatch(l -> l.equals("serving: " + TD_42));
    }

    @Test
    void deployEcs_whenCircuitBreakerRollsBack_endsWithRolledBack_exitsNonZero() throws Exception {
        ecs.sequence("DescribeServices",
                ok(describeServices(List.of(steady41()), List.of())),
                ok(describeServices(List.of(
                        deployment(ROLLBACK_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED", "done"),
                        deployment(NEW_DEPLOYMENT, "ACTIVE", TD_42, 0, 0, 0, 3, "FAILED",
                                "ECS deployment circuit breaker: tasks failed to start.")), List.of())));

        int exit = run("--cluster", "prod", "--service", "orders", "--image", NEW_IMAGE, "--container", "web");

        assertThat(exit).isEqualTo(1);
        List<String> lines = lines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("outcome ROLLED_BACK");
        assertThat(lines).anyMatch(l -> l.contains("reason: ECS deployment circuit breaker"));
    }

    @Test
    void deployEcs_whenTheLimitPasses_endsWithTimedOut() throws Exception {
        ecs.sequence("DescribeServices",
                ok(describeServices(List.of(steady41()), List.of())),
                ok(describeServices(List.of(inProgress(1), oldActive()), List.of())));

        int exit = run("--cluster", "prod", "--service", "orders", "--image", NEW_IMAGE, "--container", "web",
                "--timeout", "300ms");

        assertThat(exit).isEqualTo(1);
        List<String> lines = lines();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("outcome TIMED_OUT");
    }

    @Test
    void deployEcs_withUnknownContainer_reportsTheRealOnes_andRegistersNothing() throws Exception {
        ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())));

        int exit = run("--cluster", "prod", "--service", "orders", "--image", NEW_IMAGE, "--container", "worker");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[web, envoy]").doesNotContain(FakeEcs.SECRET_KEY)
                .startsWith("error: ").doesNotContain("\tat ");
        assertThat(ecs.requests("RegisterTaskDefinition")).isEmpty();
        assertThat(ecs.requests("UpdateService")).isEmpty();
    }

    @Test
    void deployEcs_withoutRequiredOptions_printsUsage_exitsTwo() throws Exception {
        int exit = run("--cluster", "prod");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: Missing required options")
                .contains("usage: ecr-toolkit deploy-ecs");
        assertThat(ecs.operations()).isEmpty();
    }

    @Test
    void duration_acceptsShortFormsAndIso() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    private int run(String... args) throws Exception {
        String[] all = new String[args.length + 7];
        all[0] = "deploy-ecs";
        System.arraycopy(args, 0, all, 1, args.length);
        int i = args.length + 1;
        all[i++] = "--endpoint";
        all[i++] = ecs.endpoint().toString();
        all[i++] = "--region";
        all[i++] = "eu-west-1";
        all[i++] = "--poll-interval";
        all[i] = "10ms";
        return Cli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static ObjectNode inProgress(int running) {
        return deployment(NEW_DEPLOYMENT, "PRIMARY", TD_42, 2, 2 - running, running, 0, "IN_PROGRESS", "in progress");
    }

    private static ObjectNode oldActive() {
        return deployment(OLD_DEPLOYMENT, "ACTIVE", TD_41, 2, 0, 2, 0, "COMPLETED", "done");
    }
}
