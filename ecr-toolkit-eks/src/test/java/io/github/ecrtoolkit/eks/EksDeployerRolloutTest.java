package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.testing.FakeClock;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController.Behaviour;

@EnableKubernetesMockClient(crud = true)
class EksDeployerRolloutTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final String NS = "shop";
    static int counter;

    String name;
    FakeClock clock;
    KubernetesTestController controller;
    EksDeployer deployer;
    List<DeployEvent> heard;

    @BeforeEach
    void setUp() {
        name = "web" + (++counter);
        clock = new FakeClock(Instant.parse("2026-11-24T23:30:00Z"));
        controller = new KubernetesTestController(client, NS);
        heard = new CopyOnWriteArrayList<>();
        deployer = EksDeployer.builder()
                .kubernetesClient(client)
                .clock(clock)
                .pollInterval(Duration.ofMillis(5))
                .sleeper(d -> {
                    clock.advance(d);
                    controller.step();
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        deployer.close();
    }

    EksWorkload workload() {
        return EksWorkload.deployment(NS, name);
    }

    DeployOptions.Builder options() {
        return DeployOptions.builder().container("web").timeout(Duration.ofMillis(200)).listener(heard::add);
    }

    static String image(Deployment d, String container) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container)).findFirst().orElseThrow().getImage();
    }

    @Nested
    class Rollout {

        @Test
        void deploy_whenControllerRollsOut_succeedsWithNewRevision() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.HEALTHY);

            EksDeployResult result = deployer.deploy(workload(), "registry/web:2", options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.previousRevision()).contains("1");
            assertThat(result.newRevision()).contains("2");
            assertThat(result.servingRevision()).contains("2");
            assertThat(result.servingImages()).containsEntry("web", "registry/web:2").containsEntry("sidecar", "proxy:1");
            assertThat(result.reason()).isEmpty();
            Deployment d = controller.deployment(name);
            assertThat(image(d, "web")).isEqualTo("registry/web:2");
            assertThat(image(d, "sidecar")).isEqualTo("proxy:1");
            assertThat(d.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause",
                    "ecr-toolkit: set image web=registry/web:2");
            assertThat(result.events()).hasSameElementsAs(heard);
            assertThat(heard).first().isInstanceOf(RolloutStarted.class);
            assertThat(heard).filteredOn(RolloutProgress.class::isInstance).extracting(DeployEvent::message)
                    .contains("deployment \"" + name + "\" successfully rolled out");
        }

        @Test
        void deploy_setsEnvironmentOfChosenContainer() {
            controller.createDeployment(name, "registry/web:1");

            deployer.deploy(workload(), "registry/web:2", options().environment("MODE", "blue").build());

            var web = controller.deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(web.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("MODE=blue");
        }

        @Test
        void deploy_whenProgressDeadlineExceeded_failsWithReasonAndImagePullBackOff() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.DEADLINE_EXCEEDED);

            EksDeployResult result = deployer.deploy(workload(), "registry/web:missing", options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("exceeded its progress deadline").contains("has timed out progressing"));
            assertThat(result.newRevision()).contains("2");
            assertThat(result.servingRevision()).isEmpty();
            assertThat(result.podProblems()).extracting(PodProblem::reason).containsExactly("ImagePullBackOff");
            assertThat(heard).filteredOn(PodWaiting.class::isInstance).map(PodWaiting.class::cast)
                    .singleElement().satisfies(w -> {
                        assertThat(w.reason()).isEqualTo("ImagePullBackOff");
                        assertThat(w.container()).isEqualTo("web");
                        assertThat(w.detail()).contains("registry/web:missing");
                    });
        }

        @Test
        void deploy_whenPodsCrash_reportsCrashLoopBackOffWithLastExit() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.CRASHING);

            EksDeployResult result = deployer.deploy(workload(), "registry/web:2", options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
            assertThat(result.podProblems()).singleElement().satisfies(p -> {
                assertThat(p.reason()).isEqualTo("CrashLoopBackOff");
                assertThat(p.detail()).contains("last exit 137 (OOMKilled)");
            });
        }

        @Test
        void deploy_whenNeverSettles_timesOutAtCallersLimit() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.SLOW);

            EksDeployResult result = deployer.deploy(workload(), "registry/web:2", options()
                    .timeout(Duration.ofMillis(100)).build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
            assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(100));
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("1 out of 2 new replicas have been updated"));
            assertThat(controller.steps()).isBetween(20, 23);
        }

        @Test
        void deploy_whenStatusIsStale_doesNotCountAsDone() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.STALE);

            EksDeployResult result = deployer.deploy(workload(), "registry/web:2", options().build());

            // the status claims 2/2 updated and available, but for the previous generation
            assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("spec update to be observed"));
        }

        @Test
        void deploy_streamsKubernetesEventsOfItsPods() {
            controller.createDeployment(name, "registry/web:1");
            controller.recordWarning(name, "OldNews", "before the rollout");
            controller.behave(Behaviour.CRASHING);
            EksDeployer withEvents = EksDeployer.builder().kubernetesClient(client).clock(clock)
                    .pollInterval(Duration.ofMillis(5)).sleeper(d -> {
                        clock.advance(d);
                        controller.step();
                        if (controller.steps() == 4) {
                            controller.recordWarning(name, "BackOff", "Back-off restarting failed container web");
                        }
                    }).build();

            withEvents.deploy(workload(), "registry/web:2", options().build());

            assertThat(heard).filteredOn(KubernetesEvent.class::isInstance).map(KubernetesEvent.class::cast)
                    .singleElement().satisfies(e -> {
                        assertThat(e.reason()).isEqualTo("BackOff");
                        assertThat(e.type()).isEqualTo("Warning");
                        assertThat(e.involvedKind()).isEqualTo("Pod");
                    });
        }
    }

    @Nested
    class Rollback {

        @Test
        void deploy_failedWithRollbackOnFailure_restoresPreviousImage() {
            controller.createDeployment(name, "registry/web:1");
            controller.behave(Behaviour.DEADLINE_EXCEEDED);
            EksDeployer healing = EksDeployer.builder().kubernetesClient(client).clock(clock)
                    .pollInterval(Duration.ofMillis(5)).sleeper(d -> {
                        clock.advance(d);
                        // the controller heals once the old template is back
                        if (image(controller.deployment(name), "web").equals("registry/web:1")) {
                            controller.behave(Behaviour.HEALTHY);
                        }
                        controller.step();
                    }).build();

            EksDeployResult result = healing.deploy(workload(), "registry/web:broken",
                    options().rollbackOnFailure(true).build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("exceeded its progress deadline").contains("rolled back to revision 1"));
            assertThat(result.previousRevision()).contains("1");
            assertThat(result.newRevision()).contains("2");
            assertThat(result.servingRevision()).contains("3");
            assertThat(result.servingImages()).containsEntry("web", "registry/web:1");
            Deployment d = controller.deployment(name);
            assertThat(image(d, "web")).isEqualTo("registry/web:1");
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
            assertThat(heard).filteredOn(RollbackStarted.class::isInstance).map(RollbackStarted.class::cast)
                    .singleElement().satisfies(e -> {
                        assertThat(e.toRevision()).isEqualTo("1");
                        assertThat(e.fromRevision()).contains("2");
                    });
        }

        @Test
        void rollback_toPreviousRevision_restoresItsTemplate() {
            controller.createDeployment(name, "registry/web:1");
            deployer.deploy(workload(), "registry/web:2", options().build());

            EksDeployResult result = deployer.rollback(workload(), options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.image()).isEqualTo("registry/web:1");
            assertThat(result.previousRevision()).contains("2");
            assertThat(result.servingRevision()).contains("3");
            assertThat(result.servingImages()).containsEntry("web", "registry/web:1");
            assertThat(image(controller.deployment(name), "web")).isEqualTo("registry/web:1");
            assertThat(controller.deployment(name).getMetadata().getAnnotations())
                    .doesNotContainKey("kubernetes.io/change-cause");
        }

        @Test
        void rollback_toNamedRevision_restoresThatOne() {
            controller.createDeployment(name, "registry/web:1");
            deployer.deploy(workload(), "registry/web:2", options().build());
            deployer.deploy(workload(), "registry/web:3", options().build());

            EksDeployResult result = deployer.rollback(workload(), 2, options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(image(controller.deployment(name), "web")).isEqualTo("registry/web:2");
            assertThat(controller.deployment(name).getMetadata().getAnnotations())
                    .containsEntry("kubernetes.io/change-cause", "ecr-toolkit: set image web=registry/web:2");
        }

        @Test
        void rollback_toUnknownRevision_failsNamingKnownOnes() {
            controller.createDeployment(name, "registry/web:1");

            assertThatThrownBy(() -> deployer.rollback(workload(), 7, options().build()))
                    .isInstanceOf(EksWorkloadException.class)
                    .hasMessageContaining("revision 7 not found").hasMessageContaining("[1]");
        }

        @Test
        void rollback_ofStatefulSet_isRefused() {
            assertThatThrownBy(() -> deployer.rollback(EksWorkload.statefulSet(NS, "db"), options().build()))
                    .isInstanceOf(EksWorkloadException.class).hasMessageContaining("deploy the previous image");
        }
    }

    @Nested
    class Refusals {

        @Test
        void deploy_withUnknownContainer_failsAndChangesNothing() {
            controller.createDeployment(name, "registry/web:1");
            String before = controller.deployment(name).getMetadata().getResourceVersion();

            assertThatThrownBy(() -> deployer.deploy(workload(), "registry/web:2",
                    DeployOptions.builder().container("api").build()))
                    .isInstanceOf(EksWorkloadException.class)
                    .hasMessageContaining("no container named 'api'").hasMessageContaining("[web, sidecar]");
            assertThat(controller.deployment(name).getMetadata().getResourceVersion()).isEqualTo(before);
        }

        @Test
        void deploy_withoutContainerName_whenPodHasSeveral_asksForOne() {
            controller.createDeployment(name, "registry/web:1");

            assertThatThrownBy(() -> deployer.deploy(workload(), "registry/web:2"))
                    .isInstanceOf(EksWorkloadException.class).hasMessageContaining("name the one(s) to update");
        }

        @Test
        void deploy_toMissingWorkload_withoutManifest_failsClearly() {
            assertThatThrownBy(() -> deployer.deploy(workload(), "registry/web:2", options().build()))
                    .isInstanceOf(EksWorkloadException.class)
                    .hasMessageContaining("eks:shop/deployment/" + name + " not found")
                    .hasMessageContaining("withManifest");
        }

        @Test
        void deploy_toMissingWorkload_withManifest_createsThenRollsOut() {
            String manifest = """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %s
                    spec:
                      replicas: 1
                      selector:
                        matchLabels: {app: %s}
                      template:
                        metadata:
                          labels: {app: %s}
                        spec:
                          containers:
                          - name: web
                            image: registry/web:0
                    """.formatted(name, name, name);

            EksDeployResult result = deployer.deploy(workload().withManifest(manifest), "registry/web:1",
                    options().build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(image(controller.deployment(name), "web")).isEqualTo("registry/web:1");
            assertThat(controller.deployment(name).getMetadata().getNamespace()).isEqualTo(NS);
        }

        @Test
        void deploy_withManifestOfAnotherWorkload_isRefused() {
            String manifest = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"other\"},"
                    + "\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":"
                    + "{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}";

            assertThatThrownBy(() -> deployer.deploy(workload().withManifest(manifest), "registry/web:1",
                    options().build()))
                    .isInstanceOf(EksWorkloadException.class).hasMessageContaining("describes Deployment null/other");
        }
    }
    @Nested
    class OtherKinds {

        /** Plays the StatefulSet and DaemonSet controllers: every new generation settles at once. */
        void settle() {
            for (StatefulSet set : client.apps().statefulSets().inNamespace(NS).list().getItems()) {
                long gen = set.getMetadata().getGeneration();
                if (set.getStatus() == null || set.getStatus().getObservedGeneration() == null
                        || set.getStatus().getObservedGeneration() < gen) {
                    set.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(gen).withReplicas(1)
                            .withReadyReplicas(1).withUpdatedReplicas(1).withCurrentRevision(set.getMetadata().getName()
                                    + "-" + gen).withUpdateRevision(set.getMetadata().getName() + "-" + gen).build());
                    client.apps().statefulSets().inNamespace(NS).resource(set).updateStatus();
                }
            }
            for (DaemonSet set : client.apps().daemonSets().inNamespace(NS).list().getItems()) {
                long gen = set.getMetadata().getGeneration();
                set.setStatus(new DaemonSetStatusBuilder().withObservedGeneration(gen).withDesiredNumberScheduled(3)
                        .withUpdatedNumberScheduled(3).withNumberAvailable(3).build());
                client.apps().daemonSets().inNamespace(NS).resource(set).updateStatus();
            }
        }

        EksDeployer settling() {
            return EksDeployer.builder().kubernetesClient(client).clock(clock).pollInterval(Duration.ofMillis(5))
                    .sleeper(d -> {
                        clock.advance(d);
                        settle();
                    }).build();
        }

        void createStatefulSet(String strategy) {
            client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                    .withNewMetadata().withName(name).endMetadata()
                    .withNewSpec().withReplicas(1).withServiceName(name)
                    .withNewUpdateStrategy().withType(strategy).endUpdateStrategy()
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                    .withNewSpec().addNewContainer().withName("db").withImage("db:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            settle();
        }

        @Test
        void deploy_toStatefulSet_succeedsWhenRevisionsConverge() {
            createStatefulSet("RollingUpdate");

            EksDeployResult result = settling().deploy(EksWorkload.statefulSet(NS, name), "db:2",
                    DeployOptions.builder().timeout(Duration.ofMillis(200)).build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.previousRevision()).contains(name + "-1");
            assertThat(result.newRevision()).contains(name + "-2");
            assertThat(result.servingImages()).containsEntry("db", "db:2");
        }

        @Test
        void deploy_toStatefulSetWithOnDelete_isRefused() {
            createStatefulSet("OnDelete");

            assertThatThrownBy(() -> settling().deploy(EksWorkload.statefulSet(NS, name), "db:2"))
                    .isInstanceOf(EksWorkloadException.class).hasMessageContaining("OnDelete")
                    .hasMessageContaining("RollingUpdate");
        }

        @Test
        void deploy_toDaemonSet_succeedsWhenEveryNodeUpdated() {
            client.apps().daemonSets().inNamespace(NS).resource(new DaemonSetBuilder()
                    .withNewMetadata().withName(name).endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                    .withNewSpec().addNewContainer().withName("agent").withImage("agent:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();

            EksDeployResult result = settling().deploy(EksWorkload.daemonSet(NS, name), "agent:2",
                    DeployOptions.builder().timeout(Duration.ofMillis(200)).build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.servingImages()).containsEntry("agent", "agent:2");
        }
    }
}
