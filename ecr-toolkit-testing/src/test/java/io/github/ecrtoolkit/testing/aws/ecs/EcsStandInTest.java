package io.github.ecrtoolkit.testing.aws.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.testing.aws.AwsStandIn;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class EcsStandInTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private EcsClient ecs;
    private Ec2Client ec2;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void clients() {
        ecs = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        ec2 = aws.configure(Ec2Client.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        logs = aws.configure(CloudWatchLogsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void close() {
        ecs.close();
        ec2.close();
        logs.close();
    }

    @Test
    void aDeploymentProgressesOverPollsAndItsTasksGetPublicAddresses() {
        String subnet = defaultSubnet();
        ecs.createCluster(r -> r.clusterName("prod"));
        String revision = register("web:1", r -> { });
        ecs.createService(service(subnet, revision, 2));

        assertThat(primary().rolloutStateAsString()).isEqualTo("IN_PROGRESS");   // first poll: tasks PENDING
        Deployment second = primary();                                              // second poll: RUNNING
        assertThat(second.rolloutStateAsString()).isEqualTo("COMPLETED");
        assertThat(second.runningCount()).isEqualTo(2);

        List<String> running = ecs.listTasks(r -> r.cluster("prod").serviceName("web")).taskArns();
        var tasks = ecs.describeTasks(r -> r.cluster("prod").tasks(running)).tasks();
        String eni = tasks.get(0).attachments().get(0).details().stream().filter(d -> d.name().equals("networkInterfaceId"))
                .findFirst().orElseThrow().value();
        assertThat(ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).association().publicIp())
                .startsWith("203.0.113.");
        assertThat(aws.ecs().runningTasks("prod", "web")).hasSize(2);
    }

    @Test
    void failingTasksTripTheCircuitBreakerWhichRollsBackToTheLastCompletedRevision() {
        String subnet = defaultSubnet();
        ecs.createCluster(r -> r.clusterName("prod"));
        ecs.createService(service(subnet, register("web:1", r -> { }), 1));
        primary();
        primary();
        aws.ecs().failTasksOf("web:2", "CannotPullContainerError: manifest unknown");
        String broken = register("web:2", r -> { });

        ecs.updateService(r -> r.cluster("prod").service("web").taskDefinition(broken));
        for (int i = 0; i < 8; i++) {
            aws.ecs().advance();
        }

        Service service = aws.ecs().service("prod", "web").orElseThrow();
        assertThat(service.taskDefinition()).endsWith("web:1");
        assertThat(service.deployments()).extracting(d -> d.rolloutState()).contains("COMPLETED");
        var stopped = ecs.listTasks(r -> r.cluster("prod").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertThat(ecs.describeTasks(r -> r.cluster("prod").tasks(stopped)).tasks())
                .filteredOn(t -> t.taskDefinitionArn().endsWith("web:2")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(t -> assertThat(t.stoppedReason()).startsWith("CannotPullContainerError"));
    }

    @Test
    void fargateSizesAndClusterChecksAreTheRealOnes() {
        assertThatThrownBy(() -> register("web:1", r -> r.cpu("256").memory("4096")))
                .isInstanceOf(ClientException.class).hasMessageContaining("No Fargate configuration exists for given values: 256 CPU, 4096 memory");
        assertThatThrownBy(() -> ecs.createService(service(defaultSubnet(), "web", 1)))
                .hasMessageContaining("Cluster not found");
    }

    @Test
    void securityGroupsAndLogGroupsKeepTheirStateAndErrors() {
        String vpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("isDefault").values("true").build())).vpcs().get(0).vpcId();
        String group = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));

        assertThat(aws.ec2().securityGroup(group)).hasValueSatisfying(g -> assertThat(g.opensToTheWorld(80)).isTrue());
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidGroup.Duplicate"));

        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));
        logs.putRetentionPolicy(r -> r.logGroupName("/ecs/web").retentionInDays(14));
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/")).logGroups()).singleElement()
                .satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(14));
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/ecs/web"))).isInstanceOf(ResourceAlreadyExistsException.class);
    }

    private Deployment primary() {
        return ecs.describeServices(r -> r.cluster("prod").services("web")).services().get(0).deployments().stream()
                .filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    private String defaultSubnet() {
        return ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build())).subnets().get(0).subnetId();
    }

    private String register(String image, Consumer<RegisterTaskDefinitionRequest.Builder> change) {
        RegisterTaskDefinitionRequest.Builder request = RegisterTaskDefinitionRequest.builder().family("web")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(image).essential(true));
        change.accept(request);
        return ecs.registerTaskDefinition(request.build()).taskDefinition().taskDefinitionArn();
    }

    private static CreateServiceRequest service(String subnet, String taskDefinition, int count) {
        return CreateServiceRequest.builder().cluster("prod").serviceName("web").taskDefinition(taskDefinition).desiredCount(count)
                .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).assignPublicIp("ENABLED")))
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build();
    }
}
