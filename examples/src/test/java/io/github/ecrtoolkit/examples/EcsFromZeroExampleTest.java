package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.ecs.EcsServiceSpec;
import io.github.ecrtoolkit.ecs.EcsServices;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

/** The README's stand-in snippet, compiled and run: the from-zero example against the AWS stand-in. */
class EcsFromZeroExampleTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @Test
    void theFromZeroExample_runsFromAnEmptyAccountAndBack() {
        String image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.0";
        aws.fail("ecs", "DescribeServices", AwsFault.throttling(), 2);
        try (EcsClient ecs = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
                Ec2Client ec2 = aws.configure(Ec2Client.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
                IamClient iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
                CloudWatchLogsClient logs = aws.configure(CloudWatchLogsClient.builder())
                        .httpClientBuilder(Apache5HttpClient.builder()).build();
                EcsServices services = EcsServices.builder().ecsClient(ecs).ec2Client(ec2).iamClient(iam).logsClient(logs)
                        .pollInterval(Duration.ofMillis(10)).build()) {
            EcsServiceSpec orders = EcsServiceSpec.fargate("orders").cluster("prod").port(8080).desiredCount(2)
                    .publicIngress(true).build();

            EcsFromZeroExample.fromZeroAndBack(services, orders, image);
        }

        assertThat(aws.ecs().service("prod", "orders")).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("INACTIVE"));
        assertThat(aws.ec2().securityGroups()).noneMatch(g -> g.opensToTheWorld(8080));
        assertThat(aws.logs().logGroup("/ecs/orders")).isPresent();   // keepLogs(true)
        assertThat(aws.ecs().cluster("prod")).hasValueSatisfying(c -> assertThat(c.active()).isTrue());
    }
}
