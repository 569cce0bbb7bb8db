package io.github.ecrtoolkit.ecs;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.CLUSTER;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.NEW_IMAGE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.SERVICE;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.TD_41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeTaskDefinition;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.taskDefinition41;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.error;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.testing.ecs.EcsJson;
import io.github.ecrtoolkit.testing.ecs.DeployPermissions;
import io.github.ecrtoolkit.testing.ecs.FakeEcs;
import io.github.ecrtoolkit.testing.ecs.FakeTime;

/** What a caller can do about each way a deploy cannot start: {@code reason()}, {@code isRetryable()}, the AWS code. */
class EcsDeployerErrorsTest {

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
        ecs.answer("DescribeTaskDefinition", ok(describeTaskDefinition(taskDefinition41())));
    }

    @AfterEach
    void stop() {
        DeployPermissions.assertCovered(ecs);
        deployer.close();
        client.close();
        ecs.close();
    }

    @Test
    void missingCluster_isNotFound_withEcsCode() {
        ecs.answer("DescribeServices", error(400, "ClusterNotFoundException", "Cluster not found."));

        assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE)).isInstanceOfSatisfying(
                EcsServiceNotFoundException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.awsService()).contains("ECS");
                    assertThat(e.awsErrorCode()).contains("ClusterNotFoundException");
                });
    }

    @Test
    void missingService_isNotFound_withoutEcsCode() {
        ecs.answer("DescribeServices", ok(EcsJson.describeServicesMissing("nope")));

        assertThatThrownBy(() -> deployer.deploy(EcsService.of(CLUSTER, "nope"), NEW_IMAGE)).isInstanceOfSatisfying(
                EcsServiceNotFoundException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.awsErrorCode()).isEmpty();
                });
    }

    @Test
    void deniedAction_isAccessDenied_andNamesTheAction() {
        ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())))
                .answer("RegisterTaskDefinition", error(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:"
                        + "user/ci is not authorized to perform: ecs:RegisterTaskDefinition on resource: *"));

        assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")))
                .isInstanceOfSatisfying(EcsAccessDeniedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
                    assertThat(e.operation()).isEqualTo("RegisterTaskDefinition");
                    assertThat(e.awsErrorCode()).contains("AccessDeniedException");
                    assertThat(e.getMessage()).contains("Allow ecs:RegisterTaskDefinition")
                            .doesNotContain(FakeEcs.SECRET_KEY);
                });
    }

    @Test
    void endlessThrottling_isUnavailable_andRetryable() {
        ecs.answer("DescribeServices", throttled());

        assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE)).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.awsErrorCode()).contains("ThrottlingException");
            assertThat(e.getMessage()).contains("throttled").contains("after 10 tries");
        });
    }

    @Test
    void unknownContainer_isInvalidInput() {
        ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())));

        assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("worker")))
                .isInstanceOfSatisfying(EcsUnknownContainerException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
    }

    @Test
    void codeDeployService_isUnsupported() {
        ecs.answer("DescribeServices", ok(describeServices(TD_41, "CODE_DEPLOY", false, List.of(steady41()),
                List.of())));

        assertThatThrownBy(() -> deployer.deploy(ORDERS, NEW_IMAGE, opts -> opts.container("web")))
                .isInstanceOfSatisfying(EcsUnsupportedControllerException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void unknownHost_isUnavailable_andNamesTheHost() {
        try (EcsClient nowhere = EcsClient.builder().endpointOverride(URI.create("http://ecs.nowhere.invalid"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(FakeEcs.ACCESS_KEY,
                        FakeEcs.SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
                EcsDeployer lost = EcsDeployer.create(nowhere)) {

            assertThatThrownBy(() -> lost.deploy(ORDERS, NEW_IMAGE)).isInstanceOfSatisfying(EcrToolkitException.class,
                    e -> {
                        assertThat(e).isInstanceOf(EcsException.class);
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("ecs.nowhere.invalid").doesNotContain(FakeEcs.SECRET_KEY);
                    });
        }
    }
}
