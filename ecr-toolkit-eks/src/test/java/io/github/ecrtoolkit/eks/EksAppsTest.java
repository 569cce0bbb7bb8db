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

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.testing.FakeClock;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController.JobOutcome;

@EnableKubernetesMockClient(crud = true)
class EksAppsTest {

    static KubernetesMockServer server;
    static KubernetesClient client;
    static int counter;

    String ns;
    FakeClock clock;
    KubernetesTestController controller;
    EksDeployer deployer;
    List<DeployEvent> heard;

    @BeforeEach
    void setUp() {
        ns = "shop" + (++counter);   // one namespace per test: the mock server lives as long as the class
        clock = new FakeClock(Instant.parse("2026-11-29T10:00:00Z"));
        controller = new KubernetesTestController(client, server, ns);
        heard = new CopyOnWriteArrayList<>();
        deployer = EksDeployer.builder().kubernetesClient(client).clock(clock).pollInterval(Duration.ofSeconds(2))
                .sleeper(d -> {
                    clock.advance(d);
                    controller.step();
                }).build();
    }

    @AfterEach
    void tearDown() {
        deployer.close();
    }

    EksAppSpec web() {
        return EksAppSpec.of(ns, "web").port(8080).replicas(2).cpu("250m").memory("512Mi").env("MODE", "prod")
                .httpProbe("/health").publicService(true).build();
    }

    DeployOptions options() {
        return DeployOptions.builder().timeout(Duration.ofMinutes(2)).listener(heard::add).build();
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    @Nested
    class Apps {

        @Test
        void up_generatesADeploymentAndAServiceAndWaitsForTheRollout() {
            EksDeployResult result = deployer.up(web(), "registry/web:1", options());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.servingImages()).containsExactly(java.util.Map.entry("web", "registry/web:1"));
            assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/managed-by", "ecr-toolkit");
            Deployment d = deployment("web");
            assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ecr-toolkit")
                    .containsEntry("app.kubernetes.io/name", "web");
            assertThat(d.getSpec().getReplicas()).isEqualTo(2);
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(2);
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getName()).isEqualTo("web");
            assertThat(container.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080);
            assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
                    .containsEntry("memory", new Quantity("512Mi"));
            assertThat(container.getResources().getLimits()).containsOnlyKeys("memory");
            assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("MODE=prod");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
            var service = client.services().inNamespace(ns).withName("web").get();
            assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
            assertThat(service.getSpec().getSelector()).containsExactly(java.util.Map.entry("app.kubernetes.io/name", "web"));
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
            assertThat(service.getMetadata().getAnnotations())
                    .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing");
            assertThat(heard).first().isInstanceOf(RolloutStarted.class);
        }

        @Test
        void upAgainWithANewImage_isAnUpdateWithTheRolloutRule() {
            deployer.up(web(), "registry/web:1", options());

            EksDeployResult result = deployer.up(web(), "registry/web:2", options());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.previousRevision()).contains("1");
            assertThat(result.newRevision()).contains("2");
            assertThat(deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("registry/web:2");
        }

        @Test
        void up_whenTheNewPodsCannotPullTheirImage_rollsBackWhenAsked() {
            deployer.up(web(), "registry/web:1", options());
            controller.behave(KubernetesTestController.Behaviour.DEADLINE_EXCEEDED);

            EksDeployResult result = deployer.up(web(), "registry/web:missing", options().toBuilder()
                    .rollbackOnFailure(true).listener(e -> {
                        if (e instanceof RollbackStarted) {
                            controller.behave(KubernetesTestController.Behaviour.HEALTHY);   // the old pods pull fine
                        }
                    }).build());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("exceeded its progress deadline"));
            assertThat(result.servingImages()).containsEntry("web", "registry/web:1");
            assertThat(deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("registry/web:1");
        }

        @Test
        void up_leavesADeploymentItDidNotMakeAlone() {
            client.apps().deployments().inNamespace(ns).resource(foreignDeployment("web")).create();

            assertThatThrownBy(() -> deployer.up(web(), "registry/web:1", options()))
                    .isInstanceOfSatisfying(EksWorkloadException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                        assertThat(e.getMessage()).contains("not made by ecr-toolkit", "deploy(..)");
                    });
            assertThat(deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("theirs:1");
        }

        @Test
        void scale_setsReplicasAndWaitsUntilAllAreAvailable() {
            deployer.up(web(), "registry/web:1", options());

            EksDeployResult result = deployer.scale(EksWorkload.deployment(ns, "web"), 5, options());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(result.image()).isEqualTo("registry/web:1");
            assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(5);
            assertThat(deployment("web").getStatus().getAvailableReplicas()).isEqualTo(5);
            assertThat(heard).filteredOn(RolloutProgress.class::isInstance).extracting(DeployEvent::message)
                    .contains("deployment \"web\" successfully rolled out");
        }

        @Test
        void scale_aStatefulSet_waitsUntilAllAreReady() {
            client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName("db")
                    .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "db").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
                    .addNewContainer().withName("db").withImage("postgres:17").endContainer().endSpec().endTemplate()
                    .endSpec().build()).create();

            EksDeployResult result = deployer.scale(EksWorkload.statefulSet(ns, "db"), 3, options());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            var db = client.apps().statefulSets().inNamespace(ns).withName("db").get();
            assertThat(db.getSpec().getReplicas()).isEqualTo(3);
            assertThat(db.getStatus().getReadyReplicas()).isEqualTo(3);
        }

        @Test
        void scale_slowerThanTheLimit_timesOut() {
            deployer.up(web(), "registry/web:1", options());
            controller.behave(KubernetesTestController.Behaviour.STALE);

            EksDeployResult result = deployer.scale(EksWorkload.deployment(ns, "web"), 4, options());

            assertThat(result.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
        }

        @Test
        void scale_refusesADaemonSetAndAMissingWorkload() {
            client.apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName("agent")
                    .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withNewSpec()
                    .addNewContainer().withName("agent").withImage("agent:1").endContainer().endSpec().endTemplate()
                    .endSpec().build()).create();

            assertThatThrownBy(() -> deployer.scale(EksWorkload.daemonSet(ns, "agent"), 3))
                    .isInstanceOfSatisfying(EksWorkloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
            assertThatThrownBy(() -> deployer.scale(EksWorkload.deployment(ns, "missing"), 3))
                    .isInstanceOfSatisfying(EksWorkloadException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }

        @Test
        void down_removesWhatUpMadeAndLeavesEveryOtherObjectUntouched() {
            deployer.up(web(), "registry/web:1", options());
            client.apps().deployments().inNamespace(ns).resource(foreignDeployment("billing")).create();
            client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("billing")
                    .endMetadata().withNewSpec().addToSelector("app", "billing").addNewPort().withPort(80).endPort()
                    .endSpec().build()).create();
            String otherNs = ns + "-other";
            client.apps().deployments().inNamespace(otherNs).resource(foreignDeployment("web")).create();
            var podsBefore = client.pods().inNamespace(ns).list().getItems().size();

            List<String> removed = deployer.down(web());

            assertThat(removed).containsExactly("deployment " + ns + "/web", "service " + ns + "/web");
            assertThat(deployment("web")).isNull();
            assertThat(client.services().inNamespace(ns).withName("web").get()).isNull();
            assertThat(deployment("billing")).isNotNull();
            assertThat(client.services().inNamespace(ns).withName("billing").get()).isNotNull();
            assertThat(client.apps().deployments().inNamespace(otherNs).withName("web").get()).isNotNull();
            assertThat(client.namespaces().withName(ns).get()).isNotNull();
            assertThat(podsBefore).isPositive();
            assertThat(deployer.down(web())).isEmpty();
        }

        @Test
        void down_leavesAnObjectOfTheSameNameThatItDidNotMake() {
            client.apps().deployments().inNamespace(ns).resource(foreignDeployment("web")).create();

            assertThat(deployer.down(web())).isEmpty();

            assertThat(deployment("web")).isNotNull();
        }
    }

    @Test
    void specs_neverPrintEnvironmentValuesOrArguments() {
        EksAppSpec app = EksAppSpec.of("shop", "web").env("DB_PASSWORD", "s3cret-value").build();
        EksJobSpec.Builder job = new EksJobSpec.Builder("job-1");
        job.command("bin/migrate", "--password", "s3cret-arg").env("TOKEN", "s3cret-token");

        assertThat(app.toString()).contains("DB_PASSWORD").doesNotContain("s3cret");
        assertThat(job.build().toString()).contains("TOKEN", "bin/migrate").doesNotContain("s3cret");
    }

    @Nested
    class Jobs {

        @Test
        void aJobThatSucceeds_givesExitZeroAndItsLogTail() {
            controller.jobOutcome(JobOutcome.succeeds()).jobLog("migrating to 42", "done in 3s");

            EksJobResult job = deployer.runJob(ns, "registry/web:1", j -> j.name("migrate").command("bin/migrate", "--to", "42")
                    .memory("1Gi").activeDeadline(Duration.ofMinutes(10)).listener(heard::add));

            assertThat(job.outcome()).isEqualTo(DeployOutcome.SUCCEEDED);
            assertThat(job.exitCode()).contains(0);
            assertThat(job.reason()).isEmpty();
            assertThat(job.logTail()).containsExactly("migrating to 42", "done in 3s");
            Job created = client.batch().v1().jobs().inNamespace(ns).withName("migrate").get();
            assertThat(created.getSpec().getBackoffLimit()).isZero();
            assertThat(created.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
            assertThat(created.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
            assertThat(created.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                    .containsExactly("bin/migrate", "--to", "42");
            assertThat(created.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "ecr-toolkit");
            assertThat(heard).extracting(DeployEvent::message).containsSubsequence(
                    "created job " + ns + "/migrate running registry/web:1", "job migrate running", "job migrate completed");
        }

        @Test
        void aCommandThatExitsNonZero_givesItsCodeTheReasonAndTheLastLines() {
            controller.jobOutcome(JobOutcome.exits(3)).jobLog("line 1", "line 2", "error: table orders is locked");

            EksJobResult job = deployer.runJob(ns, "registry/web:1", j -> j.command("bin/migrate").logLines(2));

            assertThat(job.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(job.exitCode()).contains(3);
            assertThat(job.reason()).contains("BackoffLimitExceeded");
            assertThat(job.message()).hasValueSatisfying(m -> assertThat(m).contains("backoff limit"));
            assertThat(job.logTail()).containsExactly("line 2", "error: table orders is locked");
            assertThat(job.name()).matches("job-20261129-100000-[0-9a-f]{4}");
        }

        @Test
        void aContainerOverItsMemoryLimit_isReportedAsOomKilled() {
            controller.jobOutcome(JobOutcome.oomKilled());

            EksJobResult job = deployer.runJob(ns, "registry/web:1", j -> j.command("bin/report").memory("64Mi"));

            assertThat(job.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(job.exitCode()).contains(137);
            assertThat(job.reason()).contains("OOMKilled");
        }

        @Test
        void aJobPastItsDeadline_isReportedAsDeadlineExceeded() {
            controller.jobOutcome(JobOutcome.deadlineExceeded());

            EksJobResult job = deployer.runJob(ns, "registry/web:1", j -> j.command("sleep", "3600")
                    .activeDeadline(Duration.ofSeconds(30)));

            assertThat(job.outcome()).isEqualTo(DeployOutcome.FAILED);
            assertThat(job.reason()).contains("DeadlineExceeded");
            assertThat(job.message()).hasValueSatisfying(m -> assertThat(m).contains("longer than specified deadline"));
        }

        @Test
        void aJobStillRunningAtTheLimit_timesOutAndIsLeftRunning() {
            controller.jobOutcome(JobOutcome.runsForever());

            EksJobResult job = deployer.runJob(ns, "registry/web:1", j -> j.name("forever").timeout(Duration.ofMinutes(1)));

            assertThat(job.outcome()).isEqualTo(DeployOutcome.TIMED_OUT);
            assertThat(job.exitCode()).isEmpty();
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName("forever").get()).isNotNull();
        }

        @Test
        void aJobNameInUse_isAConflict() {
            deployer.runJob(ns, "registry/web:1", j -> j.name("once"));

            assertThatThrownBy(() -> deployer.runJob(ns, "registry/web:1", j -> j.name("once")))
                    .isInstanceOfSatisfying(EksException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        }
    }

    static Deployment foreignDeployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("team", "billing").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("theirs:1").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }
}
