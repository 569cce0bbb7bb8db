package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.testing.FakeClock;

/** The API answers the patch, then stops answering status reads: the deploy keeps trying until its limit. */
class EksDeployerApiErrorsTest {

    static final String PATH = "/apis/apps/v1/namespaces/shop/deployments/web";

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void deploy_whenStatusBecomesUnreadable_reportsOnceAndTimesOut() {
        Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("web:1").endContainer().endSpec().endTemplate()
                .endSpec().build();
        var forbidden = new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("deployments.apps \"web\" is forbidden").build();
        // one read by the deployer, one by fabric8's patch
        server.expect().get().withPath(PATH).andReturn(200, web).times(2);
        server.expect().patch().withPath(PATH).andReturn(200, web).once();
        server.expect().get().withPath(PATH).andReturn(403, forbidden).always();
        FakeClock clock = new FakeClock(Instant.parse("2026-11-24T23:50:00Z"));
        List<DeployEvent> heard = new CopyOnWriteArrayList<>();

        EksDeployResult result;
        try (EksDeployer deployer = EksDeployer.builder().kubernetesClient(client).clock(clock)
                .pollInterval(Duration.ofMillis(10)).sleeper(clock::advance).build()) {
            result = deployer.deploy(EksWorkload.deployment("shop", "web"), "web:2",
                    opts -> opts.timeout(Duration.ofMillis(50)).listener(heard::add));
        }

        assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("cannot read status: HTTP 403"));
        assertThat(heard).filteredOn(StatusUnreadable.class::isInstance).hasSize(1);
        assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(50));
    }
}
