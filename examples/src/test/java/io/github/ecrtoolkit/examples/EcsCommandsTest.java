package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;

class EcsCommandsTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.0";

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private record Run(int code, List<String> lines, String err) {
        String last() {
            return lines.get(lines.size() - 1);
        }
    }

    @BeforeEach
    void credentials() {
        // the commands take credentials from the default chain: system properties are its first link
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_ACCESS_KEY);
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void up_whenIamDeniesACallItWouldMake_stopsBeforeAnyChange_namingTheAction() {
        aws.iam().deny("ecs:CreateService");

        Run up = ecs("up", "--name", "orders", "--image", IMAGE, "--cluster", "prod", "--port", "8080");

        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("ecs:CreateService").doesNotContain("\tat ");
        assertThat(aws.calls()).extracting(AwsCall::action).contains("iam:SimulatePrincipalPolicy")
                .noneMatch(action -> action.startsWith("ecs:Create") || action.startsWith("ecs:Register") || action.startsWith("iam:Create"));
    }

    @Test
    void up_fromZero_printsProgressEndpointsThenOutcome_andScaleStatusDownFollow() {
        Run up = ecs("up", "--name", "orders", "--image", IMAGE, "--cluster", "prod", "--port", "8080", "--count", "2",
                "--public", "--env", "TZ=UTC");

        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.last()).isEqualTo("outcome SUCCEEDED");
        assertThat(up.lines()).anyMatch(l -> l.startsWith("created cluster prod"))
                .anyMatch(l -> l.contains("has reached a steady state"));
        assertThat(up.lines().subList(up.lines().size() - 3, up.lines().size() - 1))
                .allMatch(l -> l.matches("endpoint http://203\\.0\\.113\\.\\d+:8080"));
        assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(2);

        Run scale = ecs("scale", "--cluster", "prod", "--service", "orders", "--count", "3");
        assertThat(scale.code()).isZero();
        assertThat(scale.last()).isEqualTo("outcome SUCCEEDED");
        assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(3);

        Run status = ecs("status", "--cluster", "prod", "--service", "orders");
        assertThat(status.code()).isZero();
        assertThat(status.lines()).contains("running 3/3, pending 0").filteredOn(l -> l.startsWith("endpoint ")).hasSize(3);

        Run down = ecs("down", "--cluster", "prod", "--service", "orders");
        assertThat(down.code()).isZero();
        assertThat(down.lines()).contains("delete service orders (scaled to 0 and deleted)", "delete log group /ecs/orders (with its logs)")
                .anyMatch(l -> l.startsWith("keep cluster prod"));
        assertThat(aws.ecs().service("prod", "orders")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
    }

    @Test
    void up_withATargetGroup_registersTheTasksThere_withTheGracePeriodGiven_andPrintsTheLoadBalancersEndpoint() {
        var alb = aws.elb().givenLoadBalancer("orders");
        var group = aws.elb().givenTargetGroup("orders", 9090, "ip");
        aws.elb().givenListener(alb, "HTTP", 80, group);

        Run up = ecs("up", "--name", "orders", "--image", IMAGE, "--cluster", "prod", "--port", "8080", "--port", "9090",
                "--target-group", group.arn(), "--target-group-port", "9090", "--health-check-grace", "2m");

        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.lines()).contains("endpoint http://" + alb.dnsName() + ":80", "outcome SUCCEEDED");
        var service = aws.ecs().service("prod", "orders").orElseThrow();
        assertThat(service.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.containerPort()).isEqualTo(9090));
        assertThat(service.healthCheckGracePeriodSeconds()).contains(120);
    }

    @Test
    void up_aGracePeriodWithoutATargetGroup_isAUsageError() {
        Run up = ecs("up", "--name", "orders", "--image", IMAGE, "--port", "8080", "--health-check-grace", "2m");

        assertThat(up.code()).isEqualTo(2);
        assertThat(up.err()).contains("add targetGroup(..)").doesNotContain("\tat ");
        assertThat(aws.calls()).extracting(AwsCall::action).noneMatch(action -> action.startsWith("ecs:"));
    }

    @Test
    void up_dryRun_printsOneLinePerChange_andChangesNothing() {
        // the stand-in holds no ECR registry: the platform check, which a dry run makes too, is turned off
        Run plan = ecs("up", "--name", "orders", "--image", IMAGE, "--cluster", "prod", "--port", "8080", "--public", "--dry-run",
                "--skip-platform-check");

        assertThat(plan.code()).isZero();
        assertThat(plan.lines()).filteredOn(l -> !l.startsWith("plan: ")).containsExactly(
                "create cluster prod (Fargate and Fargate Spot capacity)",
                "create execution role ecsTaskExecutionRole (trusted by ecs-tasks.amazonaws.com, with AmazonECSTaskExecutionRolePolicy)",
                "create log group /ecs/orders (retention 30 days)",
                "create security group ecr-toolkit-prod-orders (tcp 8080 open to anyone)",
                "create task definition orders (image " + IMAGE + ", 256 cpu, 512 MiB, X86_64, ports [8080])",
                "create service orders (1 task(s) on FARGATE, public IP)");
        assertThat(aws.ecs().clusters()).isEmpty();
        assertThat(aws.iam().roles()).isEmpty();
    }

    @Test
    void up_express_dryRun_plansBothRolesAndTheExpressService() {
        Run plan = ecs("up", "--name", "api", "--image", IMAGE, "--express", "--port", "8080", "--health-check-path", "/health",
                "--dry-run");

        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.lines()).filteredOn(l -> !l.startsWith("plan: ")).contains(
                "create infrastructure role ecsInfrastructureRoleForExpressServices (trusted by ecs.amazonaws.com, with "
                        + "AmazonECSInfrastructureRoleforExpressGatewayServices)",
                "create service api (Express Mode: HTTPS load balancer, 1 task(s), 256 cpu, 512 MiB, port 8080, health check /health)");
        assertThat(aws.ecs().clusters()).isEmpty();
    }

    @Test
    void up_whoseImageFails_endsRolledBack_exitsOne() {
        ecs("up", "--name", "orders", "--image", IMAGE, "--cluster", "prod");
        String broken = IMAGE.replace("1.0", "2.0");
        aws.ecs().failTasksOf(broken, "CannotPullContainerError: manifest unknown");

        Run up = ecs("up", "--name", "orders", "--image", broken, "--cluster", "prod");

        assertThat(up.code()).isEqualTo(1);
        assertThat(up.last()).isEqualTo("outcome ROLLED_BACK");
        assertThat(up.lines()).anyMatch(l -> l.startsWith("stopped: ") && l.contains("CannotPullContainerError"));
    }

    @Test
    void up_withASizeFargateLacks_isAUsageError_listingTheValidValues() {
        Run up = ecs("up", "--name", "orders", "--image", IMAGE, "--cpu", "256", "--memory", "4096");

        assertThat(up.code()).isEqualTo(2);
        assertThat(up.err()).contains("with cpu 256 use memoryMiB 512, 1024, 2048");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void ecs_withoutASubcommand_isAUsageError() {
        Run run = run("ecs");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("up, scale, status or down");
    }

    private Run ecs(String command, String... args) {
        List<String> all = new ArrayList<>(List.of("ecs", command));
        all.addAll(List.of(args));
        if (!command.isEmpty()) {
            all.addAll(List.of("--endpoint", aws.endpoint().toString(), "--region", aws.account().region(),
                    "--poll-interval", "10ms", "--timeout", "1m"));
        }
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isEmpty() ? List.of() : List.of(text.split("\\R")), err.toString(StandardCharsets.UTF_8));
    }
}
