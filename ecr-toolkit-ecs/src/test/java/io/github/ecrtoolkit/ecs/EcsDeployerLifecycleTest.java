package io.github.ecrtoolkit.ecs;

import static io.github.ecrtoolkit.testing.ecs.EcsJson.describeServices;
import static io.github.ecrtoolkit.testing.ecs.EcsJson.steady41;
import static io.github.ecrtoolkit.testing.ecs.FakeEcs.Reply.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.testing.ecs.FakeEcs;

class EcsDeployerLifecycleTest {

    @Test
    void close_leavesAClientPassedInOpen() {
        try (FakeEcs ecs = new FakeEcs(); EcsClient client = ecs.client()) {
            ecs.answer("DescribeServices", ok(describeServices(List.of(steady41()), List.of())));
            EcsDeployer.create(client).close();

            assertThat(client.describeServices(r -> r.cluster("prod").services("orders")).services()).hasSize(1);
        }
    }

    @Test
    void create_buildsItsOwnClient_fromTheDefaultChains() {
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-west-1");
        try {
            assertThatCode(() -> EcsDeployer.create().close()).doesNotThrowAnyException();
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }

    @Test
    void builder_refusesNonsenseSettings() {
        assertThatThrownBy(() -> EcsDeployer.builder().pollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> EcsDeployer.builder().keepRevisions(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepRevisions");
        assertThatThrownBy(() -> EcsDeployer.builder().failedTaskThreshold(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failedTaskThreshold");
    }
}
