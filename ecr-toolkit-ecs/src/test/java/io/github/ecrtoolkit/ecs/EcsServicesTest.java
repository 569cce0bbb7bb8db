package io.github.ecrtoolkit.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.PermissionsAssert;
import io.github.ecrtoolkit.testing.aws.ec2.SecurityGroup;
import io.github.ecrtoolkit.testing.aws.ecs.Service;
import io.github.ecrtoolkit.testing.aws.ecs.TaskDefinition;
import io.github.ecrtoolkit.testing.aws.elb.LoadBalancer;
import io.github.ecrtoolkit.testing.aws.elb.TargetGroup;
import io.github.ecrtoolkit.testing.aws.iam.IamStandIn;
import io.github.ecrtoolkit.testing.ecs.FakeTime;

class EcsServicesTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.0";
    private static final String IMAGE_2 = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:2.0";
    private static final String MANAGED = "ecr-toolkit:managed-by";
    private static final String FOR = "ecr-toolkit:service";

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    /** What the Express Mode URL check asked, and what it answers: 200 once the scripted answers run out. */
    private final List<URI> probed = new CopyOnWriteArrayList<>();
    private final java.util.Deque<Integer> probeAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private FakeTime time;
    private EcsClient ecsClient;
    private Ec2Client ec2Client;
    private IamClient iamClient;
    private CloudWatchLogsClient logsClient;
    private ElasticLoadBalancingV2Client elbClient;
    private EcsServices ecs;
    /** Calls a test made to set up what it then tests with another capability (checked against ecs up's policy). */
    private int setupCalls;

    private static final EcsServiceSpec ORDERS = EcsServiceSpec.fargate("orders").cluster("prod").cpu(256).memoryMiB(512)
            .port(8080).desiredCount(2).env("TZ", "UTC").publicIngress(true).build();

    @BeforeEach
    void start() {
        time = new FakeTime();
        aws.clock(time);
        // no SDK retries: the toolkit's own retries are under test, on the fake clock
        ClientOverrideConfiguration once = ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
        ecsClient = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        ec2Client = aws.configure(Ec2Client.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        iamClient = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).overrideConfiguration(once).build();
        logsClient = aws.configure(CloudWatchLogsClient.builder()).httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(once).build();
        elbClient = aws.configure(ElasticLoadBalancingV2Client.builder()).httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(once).build();
        ecs = EcsServices.builder().ecsClient(ecsClient).ec2Client(ec2Client).iamClient(iamClient).logsClient(logsClient)
                .elbClient(elbClient)
                .clock(time).sleeper(time).pollInterval(Duration.ofSeconds(5)).timeout(Duration.ofMinutes(10))
                .listener(events::add).urlProbe(uri -> {
                    probed.add(uri);
                    Integer answer = probeAnswers.poll();
                    return answer == null ? 200 : answer;
                }).build();
    }

    @AfterEach
    void stop(TestInfo test) {
        // every call the code made is in the policy the README gives for its capability (a test's set-up is ecs up)
        boolean express = test.getTestClass().filter(Express.class::equals).isPresent();
        List<AwsCall> calls = aws.calls();
        if (setupCalls > 0) {
            PermissionsAssert.coveredBy(Capability.ECS_UP, calls.subList(0, setupCalls));
        }
        if (calls.size() > setupCalls) {   // a spec refused before any call makes none
            PermissionsAssert.coveredBy(express ? Capability.EXPRESS : Capability.ECS_UP, calls.subList(setupCalls, calls.size()));
        }
        ecs.close();
        ecsClient.close();
        ec2Client.close();
        iamClient.close();
        logsClient.close();
        elbClient.close();
    }

    @Nested
    class Up {

        @Test
        void fromAnEmptyAccount_createsEverythingTaggedAndSucceeds() {
            EcsUpResult up = ecs.up(ORDERS, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(up.plan().changes()).extracting(EcsPlan.Change::resource, EcsPlan.Change::action).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Resource.CLUSTER, Action.CREATE),
                    org.assertj.core.groups.Tuple.tuple(Resource.EXECUTION_ROLE, Action.CREATE),
                    org.assertj.core.groups.Tuple.tuple(Resource.LOG_GROUP, Action.CREATE),
                    org.assertj.core.groups.Tuple.tuple(Resource.SECURITY_GROUP, Action.CREATE),
                    org.assertj.core.groups.Tuple.tuple(Resource.TASK_DEFINITION, Action.CREATE),
                    org.assertj.core.groups.Tuple.tuple(Resource.SERVICE, Action.CREATE));
            // the stand-in's state, not only the result
            assertThat(aws.ecs().cluster("prod")).hasValueSatisfying(c -> {
                assertThat(c.capacityProviders()).contains("FARGATE", "FARGATE_SPOT");
                assertThat(c.tags()).containsEntry(MANAGED, "ecr-toolkit");
            });
            assertThat(aws.iam().role("ecsTaskExecutionRole")).hasValueSatisfying(role -> {
                assertThat(role.trusts("ecs-tasks.amazonaws.com")).isTrue();
                assertThat(role.attachedPolicyArns()).containsExactly(IamStandIn.ECS_TASK_EXECUTION_POLICY);
                assertThat(role.tags()).containsEntry(MANAGED, "ecr-toolkit");
            });
            assertThat(aws.logs().logGroup("/ecs/orders")).hasValueSatisfying(group -> {
                assertThat(group.retentionInDays()).hasValue(30);
                assertThat(group.tags()).containsEntry(FOR, "prod/orders");
            });
            SecurityGroup group = ourSecurityGroup();
            assertThat(group.opensToTheWorld(8080)).isTrue();
            assertThat(group.ingress()).hasSize(1);
            TaskDefinition revision = aws.ecs().taskDefinitions("orders").get(0);
            assertThat(revision.image()).isEqualTo(IMAGE);
            assertThat(revision.cpu()).isEqualTo("256");
            assertThat(revision.memory()).isEqualTo("512");
            assertThat(revision.cpuArchitecture()).isEqualTo("X86_64");
            assertThat(revision.containerPorts()).containsExactly(8080);
            assertThat(revision.executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
            assertThat(revision.json().path("containerDefinitions").path(0).path("logConfiguration").path("options")
                    .path("awslogs-group").asText()).isEqualTo("/ecs/orders");
            assertThat(revision.tags()).containsEntry(FOR, "prod/orders");
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.runningCount()).isEqualTo(2);
            assertThat(service.launchType()).isEqualTo("FARGATE");
            assertThat(service.assignPublicIp()).isEqualTo("ENABLED");
            assertThat(service.subnets()).hasSize(3);
            assertThat(service.securityGroups()).containsExactly(group.id());
            assertThat(service.tags()).containsEntry(FOR, "prod/orders");
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(2);
            assertThat(up.endpoints()).hasSize(2).allSatisfy(uri -> assertThat(uri.toString()).matches("http://203\\.0\\.113\\.\\d+:8080"));
            assertThat(up.taskDefinition()).endsWith("task-definition/orders:1");
            assertThat(events).filteredOn(EcsDeployEvent.ChangePlanned.class::isInstance).hasSize(6);
        }

        @Test
        void twice_withTheSameSpecAndImage_changesNothingAndSaysSo() {
            ecs.up(ORDERS, IMAGE);
            int callsBefore = aws.calls().size();

            EcsUpResult again = ecs.up(ORDERS, IMAGE);

            assertThat(again.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(again.changed()).isFalse();
            assertThat(again.plan().changes()).allSatisfy(change -> assertThat(change.action()).isEqualTo(Action.KEEP));
            assertThat(aws.calls().subList(callsBefore, aws.calls().size())).extracting(AwsCall::operation)
                    .noneMatch(op -> op.startsWith("Create") || op.startsWith("Register") || op.startsWith("Update")
                            || op.startsWith("Authorize") || op.startsWith("Put") || op.startsWith("Attach"));
            assertThat(aws.ecs().taskDefinitions("orders")).hasSize(1);
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().deployments()).hasSize(1);
            assertThat(again.endpoints()).hasSize(2);
        }

        @Test
        void withANewImage_rollsOutANewRevisionWatchedByItsDeployment() {
            ecs.up(ORDERS, IMAGE);

            EcsUpResult up = ecs.up(ORDERS, IMAGE_2);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(up.plan().changes()).filteredOn(c -> c.resource() == Resource.TASK_DEFINITION).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("image " + IMAGE + " -> " + IMAGE_2));
            assertThat(aws.ecs().taskDefinitions("orders")).extracting(TaskDefinition::image).containsExactly(IMAGE, IMAGE_2);
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.taskDefinition()).endsWith("orders:2");
            assertThat(service.deployments()).singleElement().satisfies(d -> {
                assertThat(d.taskDefinition()).endsWith("orders:2");
                assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            });
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(2)
                    .allSatisfy(task -> assertThat(task.taskDefinition()).endsWith("orders:2"));
            assertThat(events).filteredOn(EcsDeployEvent.DeploymentStarted.class::isInstance).hasSize(2)
                    .last().satisfies(e -> assertThat(((EcsDeployEvent.DeploymentStarted) e).taskDefinitionArn()).endsWith("orders:2"));
            assertThat(events).filteredOn(EcsDeployEvent.DeploymentProgress.class::isInstance).isNotEmpty();
        }

        @Test
        void withNewCapacities_registersARevisionWithThemAndMovesToSpot() {
            ecs.up(ORDERS, IMAGE);

            EcsUpResult up = ecs.up(ORDERS.toBuilder().cpu(1024).memoryMiB(2048).spot(true).desiredCount(3).build(), IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            TaskDefinition latest = aws.ecs().taskDefinitions("orders").get(1);
            assertThat(latest.cpu()).isEqualTo("1024");
            assertThat(latest.memory()).isEqualTo("2048");
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.capacityProviders()).containsExactly("FARGATE_SPOT");
            assertThat(service.launchType()).isEmpty();
            assertThat(service.desiredCount()).isEqualTo(3);
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(3);
        }

        @Test
        void withAnotherPort_opensItAndClosesTheOldOneOnItsOwnGroup() {
            ecs.up(ORDERS, IMAGE);

            EcsUpResult up = ecs.up(ORDERS.toBuilder().ports(List.of(9090)).build(), IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(up.plan().changes()).filteredOn(c -> c.resource() == Resource.SECURITY_GROUP).singleElement()
                    .satisfies(c -> assertThat(c.detail()).contains("open tcp 9090", "close tcp 8080"));
            SecurityGroup group = ourSecurityGroup();
            assertThat(group.opensToTheWorld(9090)).isTrue();
            assertThat(group.opensToTheWorld(8080)).isFalse();
            assertThat(aws.ecs().taskDefinitions("orders").get(1).containerPorts()).containsExactly(9090);
            assertThat(up.endpoints()).allSatisfy(uri -> assertThat(uri.getPort()).isEqualTo(9090));
        }

        @Test
        void onArm64_setsTheRuntimePlatform() {
            ecs.up(EcsServiceSpec.fargate("worker").architecture(CpuArchitecture.ARM64).build(), IMAGE);

            assertThat(aws.ecs().taskDefinitions("worker").get(0).cpuArchitecture()).isEqualTo("ARM64");
            assertThat(aws.ecs().cluster("default")).isPresent();
            assertThat(ourSecurityGroup("default", "worker").ingress()).as("no public ingress asked").isEmpty();
        }

        @Test
        void onAClusterWithEc2Capacity_usesTheEc2LaunchType() {
            aws.ecs().givenCluster("fleet");

            EcsUpResult up = ecs.up(EcsServiceSpec.onEc2("orders").cluster("fleet").cpu(512).memoryMiB(700).build(), IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(aws.ecs().service("fleet", "orders").orElseThrow().launchType()).isEqualTo("EC2");
            assertThat(aws.ecs().taskDefinitions("orders").get(0).json().path("requiresCompatibilities").toString()).isEqualTo("[\"EC2\"]");
            assertThat(up.plan().changes().get(0).action()).isEqualTo(Action.KEEP);
        }

        @Test
        void onEc2WithoutTheCluster_saysToSetItUpFirst() {
            assertThatThrownBy(() -> ecs.up(EcsServiceSpec.onEc2("orders").cluster("fleet").build(), IMAGE))
                    .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessageContaining("container instances set up first");
            assertThat(aws.ecs().clusters()).isEmpty();
        }

        @Test
        void ofANewServiceWhoseImageFails_isFailedWithTheStoppedReasons() {
            aws.ecs().failTasksOf(IMAGE, "CannotPullContainerError: pull access denied");

            EcsUpResult up = ecs.up(ORDERS, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(up.reason()).hasValueSatisfying(r -> assertThat(r).contains("circuit breaker"));
            assertThat(up.stoppedTasks()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason()).contains("pull access denied"));
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().deployments()).singleElement()
                    .satisfies(d -> assertThat(d.rolloutState()).isEqualTo("FAILED"));
        }

        @Test
        void withoutADefaultVpc_saysWhatToPassAndCreatesNothing() {
            aws.ec2().removeDefaultVpc();

            assertThatThrownBy(() -> ecs.up(ORDERS, IMAGE)).isInstanceOfSatisfying(EcsNoDefaultVpcException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).contains("no default VPC", "subnets(", "securityGroups(", "Nothing was created");
            });
            assertThat(aws.ecs().clusters()).isEmpty();
            assertThat(aws.iam().roles()).isEmpty();
            assertThat(aws.logs().logGroups()).isEmpty();
            assertThat(aws.ec2().securityGroups()).isEmpty();
        }

        @Test
        void withTheCallersSubnets_runsThereWithTheirGroupsAndCreatesNoGroup() {
            var vpc = aws.ec2().givenVpc("vpc-0private00000000", "10.1.0.0/16", false);
            var subnet = aws.ec2().givenSubnet(vpc.id(), "eu-west-1a", false);
            String group = aws.ec2().securityGroups().stream().filter(g -> g.vpcId().equals(vpc.id())).findFirst().orElseThrow().id();
            int groupsBefore = aws.ec2().securityGroups().size();

            EcsUpResult up = ecs.up(EcsServiceSpec.fargate("orders").cluster("prod").port(8080).subnets(List.of(subnet.id()))
                    .securityGroups(List.of(group)).build(), IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.subnets()).containsExactly(subnet.id());
            assertThat(service.securityGroups()).containsExactly(group);
            assertThat(service.assignPublicIp()).isEqualTo("DISABLED");
            assertThat(aws.ec2().securityGroups()).hasSize(groupsBefore);
            assertThat(up.endpoints()).singleElement().satisfies(uri -> assertThat(uri.getHost()).startsWith("10.1."));
        }

        @Test
        void whenTheNewRoleIsNotYetUsable_waitsItOutAndSaysSo() {
            aws.iam().propagationDelay(Duration.ofSeconds(10));

            EcsUpResult up = ecs.up(ORDERS, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(events).filteredOn(EcsDeployEvent.RoleNotYetUsable.class::isInstance).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.message()).contains("ecsTaskExecutionRole", "CreateService"));
            assertThat(aws.operations("ecs")).filteredOn("CreateService"::equals).hasSizeGreaterThan(1);
            assertThat(aws.ecs().services()).hasSize(1);
        }

        @Test
        void whenTheRoleNeverBecomesUsable_givesUpAfterBoundedTries() {
            aws.iam().propagationDelay(Duration.ofDays(1));

            assertThatThrownBy(() -> ecs.up(ORDERS, IMAGE)).isInstanceOf(EcsException.class)
                    .hasMessageContaining("unable to assume the role");
            assertThat(aws.operations("ecs")).filteredOn("CreateService"::equals).hasSize(8);
        }

        @Test
        void ofAnExistingServiceWhoseNewImageFails_isRolledBackByTheCircuitBreaker() {
            ecs.up(ORDERS, IMAGE);
            aws.ecs().failTasksOf(IMAGE_2, "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found");

            EcsUpResult up = ecs.up(ORDERS, IMAGE_2);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(up.reason()).hasValueSatisfying(r -> assertThat(r).contains("circuit breaker"));
            assertThat(up.stoppedTasks()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.stoppedReason()).startsWith("CannotPullContainerError"));
            assertThat(events).filteredOn(EcsDeployEvent.RollbackStarted.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((EcsDeployEvent.RollbackStarted) e).by()).isEqualTo(EcsDeployEvent.RollbackBy.CIRCUIT_BREAKER));
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.taskDefinition()).endsWith("orders:1");
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(2)
                    .allSatisfy(task -> assertThat(task.taskDefinition()).endsWith("orders:1"));
            assertThat(up.endpoints()).isEmpty();
        }

        @Test
        void throttledMidway_triesAgainAndSucceeds() {
            aws.fail("ec2", "DescribeSubnets", AwsFault.throttling(), 2);
            aws.fail("ecs", "CreateService", AwsFault.throttling(), 3);
            aws.fail("ecs", "DescribeServices", AwsFault.throttling(), 1);

            EcsUpResult up = ecs.up(ORDERS, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(events).filteredOn(EcsDeployEvent.Throttled.class::isInstance)
                    .extracting(e -> ((EcsDeployEvent.Throttled) e).operation())
                    .containsSubsequence("DescribeSubnets", "DescribeSubnets", "CreateService", "CreateService", "CreateService");
            assertThat(aws.ecs().services()).hasSize(1);
            assertThat(aws.ec2().securityGroups()).filteredOn(g -> g.name().startsWith("ecr-toolkit-")).hasSize(1);
        }

        @Test
        void deniedCreateService_namesThePermissionAndLeavesOnlyTaggedResources() {
            aws.failNext("ecs", "CreateService", AwsFault.accessDenied("ecs:CreateService"));

            assertThatThrownBy(() -> ecs.up(ORDERS, IMAGE)).isInstanceOfSatisfying(EcsAccessDeniedException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
                assertThat(e.operation()).isEqualTo("CreateService");
                assertThat(e.getMessage()).contains("Allow ecs:CreateService", "tagged ecr-toolkit:service=prod/orders",
                        "cluster prod", "log group /ecs/orders");
            });
            assertThat(aws.ecs().services()).isEmpty();
            assertThat(aws.ecs().clusters()).allSatisfy(c -> assertThat(c.tags()).containsEntry(FOR, "prod/orders"));
            assertThat(aws.iam().roles()).allSatisfy(r -> assertThat(r.tags()).containsEntry(FOR, "prod/orders"));
            assertThat(aws.logs().logGroups()).allSatisfy(g -> assertThat(g.tags()).containsEntry(FOR, "prod/orders"));
            assertThat(aws.ecs().taskDefinitions()).isNotEmpty().allSatisfy(t -> assertThat(t.tags()).containsEntry(FOR, "prod/orders"));
            assertThat(aws.ec2().securityGroups()).filteredOn(g -> !g.name().equals("default"))
                    .singleElement().satisfies(g -> assertThat(g.tags()).containsEntry(FOR, "prod/orders"));

            // once allowed, up reuses what it created: no second revision, no duplicate group
            EcsUpResult retry = ecs.up(ORDERS, IMAGE);
            assertThat(retry.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(aws.ecs().taskDefinitions("orders")).hasSize(1);
            assertThat(retry.plan().changes()).filteredOn(c -> c.action() == Action.CREATE).singleElement()
                    .satisfies(c -> assertThat(c.resource()).isEqualTo(Resource.SERVICE));
        }

        @Test
        void dryRun_returnsThePlanAndChangesNothing() {
            EcsPlan plan = ecs.plan(ORDERS, IMAGE);

            assertThat(plan.hasChanges()).isTrue();
            assertThat(plan.changes()).extracting(EcsPlan.Change::describe).contains("create cluster prod (Fargate and Fargate Spot capacity)",
                    "create security group ecr-toolkit-prod-orders (tcp 8080 open to anyone)");
            assertThat(aws.calls()).extracting(AwsCall::operation)
                    .allMatch(op -> op.startsWith("Describe") || op.startsWith("Get") || op.startsWith("List"));
            assertThat(aws.ecs().clusters()).isEmpty();
            assertThat(aws.iam().roles()).isEmpty();
        }
    }

    @Nested
    class LoadBalanced {

        @Test
        void upWithATargetGroup_registersTheServiceThereAndNamesTheLoadBalancer() {
            LoadBalancer alb = aws.elb().givenLoadBalancer("orders");
            TargetGroup group = aws.elb().givenTargetGroup("orders", 8080, "ip");
            aws.elb().givenListener(alb, "HTTP", 80, group);
            EcsServiceSpec spec = ORDERS.toBuilder().targetGroup(group.arn()).build();

            EcsUpResult up = ecs.up(spec, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().loadBalancers())
                    .containsExactly(new Service.LoadBalancer(group.arn(), "orders", 8080));
            assertThat(up.endpoints()).containsExactly(URI.create("http://" + alb.dnsName() + ":80"));
            assertThat(ecs.status(spec.service()).endpoints()).containsExactly(URI.create("http://" + alb.dnsName() + ":80"));
            assertThat(ecs.up(spec, IMAGE).changed()).isFalse();
        }

        @Test
        void aServiceBehindATargetGroup_getsAHealthCheckGracePeriod_60SecondsUnlessSet_andAChangeIsAnUpdate() {
            LoadBalancer alb = aws.elb().givenLoadBalancer("orders");
            TargetGroup group = aws.elb().givenTargetGroup("orders", 8080, "ip");
            aws.elb().givenListener(alb, "HTTP", 80, group);
            EcsServiceSpec spec = ORDERS.toBuilder().targetGroup(group.arn()).build();

            ecs.up(spec, IMAGE);
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().healthCheckGracePeriodSeconds()).contains(60);

            EcsUpResult slower = ecs.up(spec.toBuilder().healthCheckGracePeriod(Duration.ofMinutes(3)).build(), IMAGE);

            assertThat(slower.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(slower.plan().changes()).filteredOn(c -> c.resource() == Resource.SERVICE)
                    .singleElement().satisfies(c -> assertThat(c.detail()).contains("health-check grace period 180 s"));
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().healthCheckGracePeriodSeconds()).contains(180);
            assertThat(ecs.up(spec.toBuilder().healthCheckGracePeriod(Duration.ofMinutes(3)).build(), IMAGE).changed()).isFalse();
        }

        @Test
        void aGracePeriod_withoutATargetGroup_orInPartsOfASecond_isRefusedByTheSpec() {
            assertThatThrownBy(() -> ORDERS.toBuilder().healthCheckGracePeriod(Duration.ofSeconds(30)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add targetGroup(..)");
            assertThatThrownBy(() -> ORDERS.toBuilder().healthCheckGracePeriod(Duration.ofMillis(1500)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
            assertThatThrownBy(() -> ORDERS.toBuilder().healthCheckGracePeriod(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EcsServiceSpec.express("orders").healthCheckGracePeriod(Duration.ofSeconds(30)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Express Mode");
            assertThat(ORDERS.healthCheckGracePeriod()).isEmpty();
        }

        @Test
        void anotherTargetGroup_movesTheServiceThereWithANewDeployment() {
            LoadBalancer alb = aws.elb().givenLoadBalancer("orders");
            TargetGroup blue = aws.elb().givenTargetGroup("orders-blue", 8080, "ip");
            TargetGroup green = aws.elb().givenTargetGroup("orders-green", 8080, "ip");
            aws.elb().givenListener(alb, "HTTP", 80, blue);
            aws.elb().givenListener(alb, "HTTPS", 443, green);
            ecs.up(ORDERS.toBuilder().targetGroup(blue.arn()).build(), IMAGE);

            EcsUpResult up = ecs.up(ORDERS.toBuilder().targetGroup(green.arn()).build(), IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(up.plan().changes()).filteredOn(c -> c.resource() == Resource.SERVICE)
                    .singleElement().satisfies(c -> assertThat(c.detail()).contains("target group"));
            Service service = aws.ecs().service("prod", "orders").orElseThrow();
            assertThat(service.loadBalancers()).containsExactly(new Service.LoadBalancer(green.arn(), "orders", 8080));
            assertThat(service.deployments()).hasSize(1);
            assertThat(aws.operations("ecs")).contains("UpdateService");
            assertThat(up.endpoints()).containsExactly(URI.create("https://" + alb.dnsName() + ":443"));
        }

        @Test
        void anUnknownTargetGroup_isRefusedBeforeAnythingIsCreated() {
            String missing = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/nope/00000000000000ff";

            assertThatThrownBy(() -> ecs.up(ORDERS.toBuilder().targetGroup(missing).build(), IMAGE))
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.getMessage()).contains("target group " + missing + " was not found", "Nothing had been created");
                    });
            assertThat(aws.ecs().cluster("prod")).isEmpty();
            assertThat(aws.iam().role("ecsTaskExecutionRole")).isEmpty();
            assertThat(aws.logs().logGroups()).isEmpty();
            assertThat(aws.operations("ecs")).doesNotContain("CreateService", "CreateCluster");
        }

        @Test
        void aTargetGroupWithoutALoadBalancer_orForInstances_isRefusedWithWhatToDo() {
            TargetGroup alone = aws.elb().givenTargetGroup("alone", 8080, "ip");
            TargetGroup instances = aws.elb().givenTargetGroup("instances", 8080, "instance");
            aws.elb().givenListener(aws.elb().givenLoadBalancer("legacy"), "HTTP", 80, instances);

            assertThatThrownBy(() -> ecs.up(ORDERS.toBuilder().targetGroup(alone.arn()).build(), IMAGE))
                    .isInstanceOf(EcsException.class).hasMessageContaining("is not attached to a load balancer");
            assertThatThrownBy(() -> ecs.up(ORDERS.toBuilder().targetGroup(instances.arn()).build(), IMAGE))
                    .isInstanceOf(EcsException.class).hasMessageContaining("target type instance").hasMessageContaining("target type ip");
            assertThat(aws.ecs().cluster("prod")).isEmpty();
        }

        @Test
        void theSpec_checksTheArnAndThePort() {
            String arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/0123456789abcdef";
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").port(8080).targetGroup("orders"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a target group ARN");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").targetGroup(arn).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add port(..)");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").port(8080).targetGroup(arn, 9090).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add port(9090)");
            assertThatThrownBy(() -> EcsServiceSpec.express("orders").targetGroup(arn).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Express Mode");
            assertThat(EcsServiceSpec.fargate("orders").port(8080).port(9090).targetGroup(arn, 9090).build().targetGroup())
                    .contains(new EcsTargetGroup(arn, 9090));
        }
    }

    @Nested
    class Spec {

        @Test
        void aCpuMemoryPairFargateLacks_isRefusedWithTheValidValues() {
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").cpu(256).memoryMiB(4096).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cpu 256 and 4096 MiB").hasMessageContaining("512, 1024, 2048");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").cpu(1024).memoryMiB(1024).build())
                    .hasMessageContaining("from 2048 to 8192 in steps of 1024");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").cpu(300).build())
                    .hasMessageContaining("[256, 512, 1024, 2048, 4096, 8192, 16384]");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").architecture(CpuArchitecture.ARM64).spot(true).build())
                    .hasMessageContaining("Fargate Spot does not run ARM64");
            assertThatThrownBy(() -> EcsServiceSpec.fargate("orders").port(8080).publicIngress(true)
                    .subnets(List.of("subnet-1")).securityGroups(List.of("sg-1")).build())
                    .hasMessageContaining("open the ports in them yourself");
            assertThat(EcsServiceSpec.fargate("orders").cpu(16384).memoryMiB(122880).build().memoryMiB()).isEqualTo(122880);
            assertThat(aws.calls()).isEmpty();
        }

        @Test
        void toString_showsEnvironmentNamesOnly() {
            assertThat(EcsServiceSpec.fargate("orders").env("DB_PASSWORD", "s3cr3t-value").build().toString())
                    .contains("DB_PASSWORD").doesNotContain("s3cr3t-value");
        }
    }

    @Nested
    class Scale {

        @Test
        void up_waitsUntilTheNewTasksRun() {
            ecs.up(ORDERS, IMAGE);

            EcsScaleResult scaled = ecs.scale(ORDERS.service(), 4);

            assertThat(scaled.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(scaled.runningCount()).isEqualTo(4);
            assertThat(scaled.endpoints()).hasSize(4);
            assertThat(aws.ecs().service("prod", "orders").orElseThrow().desiredCount()).isEqualTo(4);
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(4);
        }

        @Test
        void whoseTasksFailToStart_isFailedWithTheirReasons() {
            ecs.up(ORDERS, IMAGE);
            aws.ecs().failTasksOf(IMAGE, "ResourceInitializationError: unable to pull secrets or registry auth");

            EcsScaleResult scaled = ecs.scale(ORDERS.service(), 4);

            assertThat(scaled.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(scaled.reason()).hasValueSatisfying(r -> assertThat(r).contains("failed to start", "ResourceInitializationError"));
            assertThat(scaled.stoppedTasks()).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(t -> assertThat(t.stoppedReason()).startsWith("ResourceInitializationError"));
            assertThat(aws.ecs().runningTasks("prod", "orders")).hasSize(2);
        }

        @Test
        void down_toZero_stopsEveryTask() {
            ecs.up(ORDERS, IMAGE);

            assertThat(ecs.scale(ORDERS.service(), 0).outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(aws.ecs().runningTasks("prod", "orders")).isEmpty();
            assertThat(aws.ec2().networkInterfaces()).isEmpty();
        }
    }

    @Nested
    class Status {

        @Test
        void reportsCountsDeploymentsTasksAndEndpoints() {
            ecs.up(ORDERS, IMAGE);

            EcsServiceStatus status = ecs.status(ORDERS.service());

            assertThat(status.status()).isEqualTo("ACTIVE");
            assertThat(status.runningCount()).isEqualTo(2);
            assertThat(status.desiredCount()).isEqualTo(2);
            assertThat(status.deployments()).singleElement().satisfies(d -> assertThat(d.rolloutState()).isEqualTo("COMPLETED"));
            assertThat(status.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo("RUNNING"));
            assertThat(status.endpoints()).extracting(URI::getPort).containsOnly(8080);
        }

        @Test
        void ofAMissingService_isNotFound() {
            aws.ecs().givenCluster("prod");
            assertThatThrownBy(() -> ecs.status(EcsService.of("prod", "nothing"))).isInstanceOf(EcsServiceNotFoundException.class);
        }
    }

    @Nested
    class Down {

        @Test
        void removesOnlyWhatUpCreatedForTheService() {
            aws.iam().givenRole("ecsTaskExecutionRole", "ecs-tasks.amazonaws.com", IamStandIn.ECS_TASK_EXECUTION_POLICY);
            aws.logs().givenLogGroup("/ecs/billing", Map.of());
            ecs.up(ORDERS, IMAGE);
            ecs.up(EcsServiceSpec.fargate("billing").cluster("prod").build(), IMAGE);

            EcsDownResult down = ecs.down(ORDERS.service());

            assertThat(down.deleted()).extracting(EcsPlan.Change::resource).containsExactlyInAnyOrder(Resource.SERVICE,
                    Resource.TASK_DEFINITION, Resource.SECURITY_GROUP, Resource.LOG_GROUP);
            assertThat(aws.ecs().service("prod", "orders")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
            assertThat(aws.ecs().taskDefinitions("orders")).allSatisfy(t -> assertThat(t.active()).isFalse());
            assertThat(aws.ec2().securityGroups()).noneMatch(g -> g.name().equals("ecr-toolkit-prod-orders"));
            assertThat(aws.logs().logGroup("/ecs/orders")).isEmpty();
            // kept: the other service and its parts, the shared cluster, the role that was there before
            assertThat(aws.ecs().service("prod", "billing")).hasValueSatisfying(s -> assertThat(s.active()).isTrue());
            assertThat(aws.ecs().taskDefinitions("billing")).allSatisfy(t -> assertThat(t.active()).isTrue());
            assertThat(aws.ec2().securityGroups()).anyMatch(g -> g.name().equals("ecr-toolkit-prod-billing"));
            assertThat(aws.logs().logGroup("/ecs/billing")).isPresent();
            assertThat(aws.ecs().cluster("prod")).hasValueSatisfying(c -> assertThat(c.active()).isTrue());
            assertThat(aws.iam().role("ecsTaskExecutionRole")).isPresent();
            assertThat(down.changes()).anySatisfy(c -> {
                assertThat(c.resource()).isEqualTo(Resource.CLUSTER);
                assertThat(c.action()).isEqualTo(Action.KEEP);
            });
        }

        @Test
        void withEverythingAsked_removesTheClusterAndTheRoleItCreatedKeepingLogsWhenAsked() {
            ecs.up(ORDERS, IMAGE);

            ecs.down(ORDERS.service(), EcsDownOptions.defaults().keepLogs(true).deleteCluster(true).deleteExecutionRole(true));

            assertThat(aws.ecs().cluster("prod")).hasValueSatisfying(c -> assertThat(c.active()).isFalse());
            assertThat(aws.iam().roles()).isEmpty();
            assertThat(aws.logs().logGroup("/ecs/orders")).isPresent();
            assertThat(aws.ec2().networkInterfaces()).isEmpty();
        }

        @Test
        void ofAServiceUpDidNotCreate_isRefusedAndChangesNothing() {
            ecs.up(ORDERS, IMAGE);
            ecsClient.untagResource(r -> r.resourceArn(aws.ecs().service("prod", "orders").orElseThrow().arn())
                    .tagKeys(FOR));

            assertThatThrownBy(() -> ecs.down(ORDERS.service())).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
            assertThat(aws.ecs().service("prod", "orders")).hasValueSatisfying(s -> assertThat(s.active()).isTrue());
            assertThat(aws.logs().logGroup("/ecs/orders")).isPresent();
        }
    }

    @Nested
    class Express {

        private final EcsServiceSpec api = EcsServiceSpec.express("api").port(8080).healthCheckPath("/health").env("TZ", "UTC").build();

        @Test
        void fromAnEmptyAccount_createsTheRolesAndTheServiceAndWaitsForItsUrl() {
            probeAnswers.addAll(List.of(0, 503));

            EcsUpResult up = ecs.up(api, IMAGE);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(up.plan().changes()).extracting(EcsPlan.Change::resource).containsExactly(Resource.CLUSTER,
                    Resource.EXECUTION_ROLE, Resource.INFRASTRUCTURE_ROLE, Resource.LOG_GROUP, Resource.SERVICE);
            var service = aws.ecs().expressService("default", "api").orElseThrow();
            assertThat(service.image()).isEqualTo(IMAGE);
            assertThat(service.cpu()).isEqualTo("1024");
            assertThat(service.memory()).isEqualTo("2048");
            assertThat(service.infrastructureRoleArn()).endsWith(":role/ecsInfrastructureRoleForExpressServices");
            assertThat(aws.iam().role("ecsInfrastructureRoleForExpressServices")).hasValueSatisfying(role -> {
                assertThat(role.trusts("ecs.amazonaws.com")).isTrue();
                assertThat(role.attachedPolicyArns()).containsExactly(
                        "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices");
                assertThat(role.tags()).containsEntry(FOR, "default/api");
            });
            assertThat(aws.ecs().service("default", "api").orElseThrow().tags()).containsEntry("ecr-toolkit:express", "true");
            assertThat(aws.ecs().runningTasks("default", "api")).hasSize(1);
            URI url = URI.create("https://" + service.endpoint());
            assertThat(up.endpoints()).containsExactly(url);
            assertThat(probed).hasSize(3).allSatisfy(uri -> assertThat(uri).isEqualTo(url.resolve("/health")));
            assertThat(events).filteredOn(EcsDeployEvent.EndpointNotReady.class::isInstance).extracting(DeployEvent::message)
                    .containsExactly("waiting for " + url + "/health to answer (unreachable)",
                            "waiting for " + url + "/health to answer (HTTP 503)");
        }

        @Test
        void twice_changesNothing_andANewImageGoesThroughANewDeployment() {
            ecs.up(api, IMAGE);
            EcsUpResult again = ecs.up(api, IMAGE);
            assertThat(again.changed()).isFalse();
            assertThat(aws.operations("ecs")).doesNotContain("UpdateExpressGatewayService");

            EcsUpResult next = ecs.up(api, IMAGE_2);

            assertThat(next.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(next.plan().changes()).last().satisfies(c -> assertThat(c.detail()).contains("image " + IMAGE + " -> " + IMAGE_2));
            assertThat(aws.ecs().expressService("default", "api").orElseThrow().image()).isEqualTo(IMAGE_2);
            assertThat(aws.ecs().runningTasks("default", "api")).singleElement()
                    .satisfies(t -> assertThat(t.taskDefinition()).endsWith("api:2"));
        }

        @Test
        void aNewImageThatFails_isRolledBack() {
            ecs.up(api, IMAGE);
            aws.ecs().failTasksOf(IMAGE_2, "CannotPullContainerError: manifest unknown");

            EcsUpResult up = ecs.up(api, IMAGE_2);

            assertThat(up.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(up.reason()).hasValueSatisfying(r -> assertThat(r).contains("circuit breaker", "CannotPullContainerError"));
            assertThat(aws.ecs().runningTasks("default", "api")).singleElement()
                    .satisfies(t -> assertThat(t.taskDefinition()).endsWith("api:1"));
        }

        @Test
        void scale_movesTheScalingTarget_andDown_deletesTheExpressService() {
            ecs.up(api, IMAGE);

            EcsScaleResult scaled = ecs.scale(api.service(), 3);
            assertThat(scaled.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            URI url = URI.create("https://" + aws.ecs().expressService("default", "api").orElseThrow().endpoint());
            assertThat(scaled.endpoints()).containsExactly(url);
            assertThat(ecs.status(api.service()).endpoints()).containsExactly(url);
            assertThat(aws.ecs().expressService("default", "api").orElseThrow().minTaskCount()).isEqualTo(3);
            assertThat(aws.ecs().runningTasks("default", "api")).hasSize(3);

            EcsDownResult down = ecs.down(api.service());

            assertThat(aws.operations("ecs")).contains("DeleteExpressGatewayService").doesNotContain("DeleteService");
            assertThat(aws.ecs().expressService("default", "api")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
            assertThat(aws.logs().logGroup("/ecs/api")).isEmpty();
            assertThat(down.changes()).anySatisfy(c -> {
                assertThat(c.resource()).isEqualTo(Resource.INFRASTRUCTURE_ROLE);
                assertThat(c.action()).isEqualTo(Action.KEEP);
            });
        }

        @Test
        void onAServiceThatIsNotExpress_isAConflictAndChangesNothing() {
            ecs.up(EcsServiceSpec.fargate("api").build(), IMAGE);
            int calls = aws.calls().size();
            setupCalls = calls;

            assertThatThrownBy(() -> ecs.up(api, IMAGE)).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT)).hasMessageContaining("not an Express Mode service");
            assertThat(aws.calls().subList(calls, aws.calls().size())).extracting(AwsCall::operation)
                    .allMatch(op -> op.startsWith("Describe") || op.startsWith("Get") || op.startsWith("List"));
        }

        @Test
        void specsThatExpressModeCannotRun_areRefused() {
            assertThatThrownBy(() -> EcsServiceSpec.express("api").port(80).port(443).build()).hasMessageContaining("one container port");
            assertThatThrownBy(() -> EcsServiceSpec.express("api").spot(true)).hasMessageContaining("spot is not offered");
            assertThatThrownBy(() -> EcsServiceSpec.express("api").publicIngress(true).port(80).build()).hasMessageContaining("HTTPS URL");
        }
    }

    private SecurityGroup ourSecurityGroup() {
        return ourSecurityGroup("prod", "orders");
    }

    private SecurityGroup ourSecurityGroup(String cluster, String service) {
        return aws.ec2().securityGroups().stream().filter(g -> g.name().equals("ecr-toolkit-" + cluster + "-" + service))
                .findFirst().orElseThrow();
    }
}
