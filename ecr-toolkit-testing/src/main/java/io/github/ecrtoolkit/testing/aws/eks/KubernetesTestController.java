package io.github.ecrtoolkit.testing.aws.eks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Plays the Kubernetes controllers that fabric8's CRUD mock server does not run, for the objects
 * of one namespace: each {@link #step()} moves every Deployment (ReplicaSets numbered like
 * Kubernetes, pods, status as the chosen {@link Behaviour} says), every StatefulSet (all replicas
 * ready) and every unfinished Job (a pod that runs, then ends as the chosen {@link JobOutcome} says,
 * with its log served by the mock server). Call it from the deployer's sleeper:
 *
 * <pre>{@code
 * @EnableKubernetesMockClient(crud = true)
 * class MyTest {
 *     static KubernetesMockServer server;
 *     static KubernetesClient client;
 *
 *     @Test
 *     void migrationFails() {
 *         KubernetesTestController controller = new KubernetesTestController(client, server, "shop");
 *         controller.jobOutcome(JobOutcome.exits(3)).jobLog("migrating…", "error: table orders is locked");
 *         EksDeployer deployer = EksDeployer.builder().kubernetesClient(client)
 *                 .sleeper(d -> controller.step()).build();
 *         // … runJob, assert exit code 3 and the log tail …
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one per test.
 */
public final class KubernetesTestController {

    /** What the next steps do with Deployment rollouts. */
    public enum Behaviour {
        /** Observe, then report every replica updated and available. */
        HEALTHY,
        /** Observe, new pods stay in ImagePullBackOff, Progressing says ProgressDeadlineExceeded. */
        DEADLINE_EXCEEDED,
        /** Observe, new pods crash (CrashLoopBackOff after OOMKilled), the rollout never finishes. */
        CRASHING,
        /** Observe, then keep one replica updated forever. */
        SLOW,
        /** Claim everything is available but never observe the new generation. */
        STALE
    }

    /**
     * How a Job's pod ends: its container's exit code and termination reason, and the reason of
     * the Job's {@code Failed} condition (empty when it completes).
     */
    public record JobOutcome(int exitCode, String containerReason, String jobReason, String jobMessage, boolean finishes) {

        /** Exit code 0, the Job {@code Complete}. */
        public static JobOutcome succeeds() {
            return new JobOutcome(0, "Completed", null, null, true);
        }

        /** The command exits with {@code code}; no retries left: {@code BackoffLimitExceeded}. */
        public static JobOutcome exits(int code) {
            return new JobOutcome(code, "Error", "BackoffLimitExceeded", "Job has reached the specified backoff limit", true);
        }

        /** The container goes over its memory limit: exit 137, {@code OOMKilled}. */
        public static JobOutcome oomKilled() {
            return new JobOutcome(137, "OOMKilled", "BackoffLimitExceeded", "Job has reached the specified backoff limit", true);
        }

        /** The Job outlives {@code activeDeadlineSeconds}: its pod is killed (exit 143), {@code DeadlineExceeded}. */
        public static JobOutcome deadlineExceeded() {
            return new JobOutcome(143, "Error", "DeadlineExceeded", "Job was active longer than specified deadline", true);
        }

        /** The pod keeps running. */
        public static JobOutcome runsForever() {
            return new JobOutcome(0, null, null, null, false);
        }
    }

    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final String namespace;
    private Behaviour behaviour = Behaviour.HEALTHY;
    private JobOutcome jobOutcome = JobOutcome.succeeds();
    private List<String> jobLog = List.of();
    private int steps;
    /** The outcome each Job was given when its pod started. */
    private final Map<String, JobOutcome> startedJobs = new HashMap<>();

    /** A controller for {@code namespace}; without the server, Job pods have no log. */
    public KubernetesTestController(KubernetesClient client, String namespace) {
        this(client, null, namespace);
    }

    /** A controller for {@code namespace} that also serves the log of each Job pod through {@code server}. */
    public KubernetesTestController(KubernetesClient client, KubernetesMockServer server, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = server;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    public KubernetesTestController behave(Behaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        return this;
    }

    /** How the Jobs that start from now on end. */
    public KubernetesTestController jobOutcome(JobOutcome outcome) {
        this.jobOutcome = Objects.requireNonNull(outcome, "outcome");
        return this;
    }

    /** The log lines of the Job pods that start from now on (needs the mock server). */
    public KubernetesTestController jobLog(String... lines) {
        this.jobLog = List.of(lines);
        return this;
    }

    /** How many times {@link #step()} ran. */
    public int steps() {
        return steps;
    }

    /** Creates a Deployment {@code name} (containers {@code web} and {@code sidecar}) and settles it at revision 1. */
    public Deployment createDeployment(String name, String image) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer()
                .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        Behaviour was = behaviour;
        behaviour = Behaviour.HEALTHY;
        stepDeployment(deployment(name));
        behaviour = was;
        return deployment(name);
    }

    public Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** One pass of every controller over the namespace. */
    public synchronized void step() {
        steps++;
        for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            stepDeployment(d);
        }
        for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
            stepStatefulSet(s);
        }
        for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
            stepJob(job);
        }
    }

    /** Records a Warning Event about the newest pod of Deployment {@code name} (or the Deployment when it has none). */
    public void recordWarning(String name, String reason, String message) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", name).list().getItems();
        String kind = pods.isEmpty() ? "Deployment" : "Pod";
        String involved = pods.isEmpty() ? name : pods.get(pods.size() - 1).getMetadata().getName();
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withGenerateName(name + "-").withNamespace(namespace).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withKind(kind).withName(involved)
                        .withNamespace(namespace).build())
                .withType("Warning").withReason(reason).withMessage(message).withCount(1)
                .withLastTimestamp("2026-11-24T23:30:01Z").build()).create();
    }

    // ---- Deployments

    private void stepDeployment(Deployment d) {
        if (d == null) {
            return;
        }
        String name = d.getMetadata().getName();
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        if (behaviour == Behaviour.STALE) {
            writeStatus(name, new DeploymentStatusBuilder(d.getStatus() == null ? new DeploymentStatus() : d.getStatus())
                    .withObservedGeneration(generation - 1).withReplicas(replicas).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
            return;
        }
        ReplicaSet rs = replicaSetFor(d);
        String revision = rs.getMetadata().getAnnotations().get(REVISION);
        if (!revision.equals(annotation(d, REVISION))) {
            d = client.apps().deployments().inNamespace(namespace).withName(name)
                    .edit(x -> new DeploymentBuilder(x).editMetadata().addToAnnotations(REVISION, revision).endMetadata().build());
        }
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(generation);
        switch (behaviour) {
            case HEALTHY -> {
                deleteOtherPods(d, hash);
                ensurePods(d, rs, hash, replicas, null);
                status.withReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                        .withReadyReplicas(replicas).addToConditions(new DeploymentConditionBuilder()
                                .withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable").build());
            }
            case DEADLINE_EXCEEDED -> {
                ensurePods(d, rs, hash, 1, "ImagePullBackOff");
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas)
                        .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"" + rs.getMetadata().getName() + "\" has timed out progressing.")
                                .build());
            }
            case CRASHING -> {
                ensurePods(d, rs, hash, 1, "CrashLoopBackOff");
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas);
            }
            case SLOW -> {
                ensurePods(d, rs, hash, 1, null);
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas);
            }
            default -> throw new IllegalStateException();
        }
        writeStatus(name, status.build());
    }

    private void writeStatus(String name, DeploymentStatus status) {
        Deployment d = deployment(name);
        d.setStatus(status);
        client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }

    /** The ReplicaSet whose template equals the Deployment's; created (or renumbered) as the controller does. */
    private ReplicaSet replicaSetFor(Deployment d) {
        Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
        List<ReplicaSet> owned = new ArrayList<>(client.apps().replicaSets().inNamespace(namespace)
                .withLabels(selector).list().getItems());
        owned.sort(Comparator.comparingLong(KubernetesTestController::revision));
        long max = owned.isEmpty() ? 0 : revision(owned.get(owned.size() - 1));
        String hash = hash(d.getSpec().getTemplate());
        for (ReplicaSet rs : owned) {
            if (hash.equals(rs.getMetadata().getLabels().get("pod-template-hash"))) {
                if (revision(rs) == max) {
                    return rs;
                }
                return client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName())
                        .edit(x -> new ReplicaSetBuilder(x).editMetadata()
                                .addToAnnotations(REVISION, String.valueOf(max + 1)).endMetadata().build());
            }
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editMetadata()
                .addToLabels("pod-template-hash", hash).endMetadata().build();
        Map<String, String> annotations = new HashMap<>();
        annotations.put(REVISION, String.valueOf(max + 1));
        String cause = annotation(d, "kubernetes.io/change-cause");
        if (cause != null) {
            annotations.put("kubernetes.io/change-cause", cause);
        }
        String name = d.getMetadata().getName();
        return client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-" + hash).withNamespace(namespace)
                .addToLabels(selector).addToLabels("pod-template-hash", hash)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(name).withUid(d.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(d.getSpec().getReplicas())
                .withNewSelector().addToMatchLabels(selector).addToMatchLabels("pod-template-hash", hash).endSelector()
                .withTemplate(template).endSpec().build()).create();
    }

    private void ensurePods(Deployment d, ReplicaSet rs, String hash, int count, String waitingReason) {
        var podSpec = rs.getSpec().getTemplate().getSpec();
        String container = podSpec.getContainers().get(0).getName();
        String image = podSpec.getContainers().get(0).getImage();
        for (int i = 0; i < count; i++) {
            String podName = rs.getMetadata().getName() + "-" + i;
            if (client.pods().inNamespace(namespace).withName(podName).get() != null) {
                continue;
            }
            PodBuilder pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                    .addToLabels(d.getSpec().getSelector().getMatchLabels()).addToLabels("pod-template-hash", hash)
                    .endMetadata().withSpec(podSpec);
            var status = new ContainerStatusBuilder().withName(container).withImage(image);
            if (waitingReason == null) {
                status.withNewState().withNewRunning().endRunning().endState().withReady(true);
            } else if (waitingReason.equals("CrashLoopBackOff")) {
                status.withNewState().withNewWaiting().withReason(waitingReason)
                        .withMessage("back-off 40s restarting failed container=" + container).endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                        .endTerminated().endLastState().withRestartCount(3);
            } else {
                status.withNewState().withNewWaiting().withReason(waitingReason)
                        .withMessage("Back-off pulling image \"" + image + "\"").endWaiting().endState();
            }
            client.pods().inNamespace(namespace).resource(pod.withNewStatus().withPhase(waitingReason == null
                    ? "Running" : "Pending").addToContainerStatuses(status.build()).endStatus().build()).create();
        }
    }

    private void deleteOtherPods(Deployment d, String hash) {
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels())
                .list().getItems()) {
            if (!hash.equals(pod.getMetadata().getLabels().get("pod-template-hash"))) {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            }
        }
    }

    // ---- StatefulSets

    private void stepStatefulSet(StatefulSet s) {
        long generation = s.getMetadata().getGeneration() == null ? 1 : s.getMetadata().getGeneration();
        int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        String revision = s.getMetadata().getName() + "-" + hash(s.getSpec().getTemplate());
        s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas).withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas).withCurrentRevision(revision).withUpdateRevision(revision).build());
        client.apps().statefulSets().inNamespace(namespace).resource(s).updateStatus();
    }

    // ---- Jobs: a pod that runs on the first step and ends on the next

    private void stepJob(Job job) {
        if (job.getStatus() != null && job.getStatus().getConditions() != null && !job.getStatus().getConditions().isEmpty()) {
            return;
        }
        String name = job.getMetadata().getName();
        String podName = name + "-" + Integer.toHexString(name.hashCode() & 0xfffff);
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        JobOutcome outcome = startedJobs.get(name);
        if (outcome == null) {
            startedJobs.put(name, jobOutcome);
            client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(podName)
                    .withNamespace(namespace).addToLabels("job-name", name).addToLabels("batch.kubernetes.io/job-name", name)
                    .endMetadata().withSpec(job.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder()
                            .withName(container.getName()).withImage(container.getImage()).withReady(true)
                            .withNewState().withNewRunning().endRunning().endState().build()).endStatus().build()).create();
            serveLog(podName);
            writeJobStatus(name, new JobStatusBuilder().withActive(1).withStartTime("2026-11-29T10:00:00Z").build());
            return;
        }
        if (!outcome.finishes()) {
            return;
        }
        boolean succeeded = outcome.jobReason() == null;
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        pod.setStatus(new PodStatusBuilder().withPhase(succeeded ? "Succeeded" : "Failed")
                .addToContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withReady(false).withNewState().withNewTerminated()
                        .withExitCode(outcome.exitCode()).withReason(outcome.containerReason()).endTerminated().endState()
                        .build()).build());
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        JobStatusBuilder status = new JobStatusBuilder().withActive(0).withStartTime("2026-11-29T10:00:00Z");
        if (succeeded) {
            status.withSucceeded(1).withCompletionTime("2026-11-29T10:00:05Z").addToConditions(new JobConditionBuilder()
                    .withType("Complete").withStatus("True").build());
        } else {
            status.withFailed(1).addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                    .withReason(outcome.jobReason()).withMessage(outcome.jobMessage()).build());
        }
        writeJobStatus(name, status.build());
    }

    /** The log endpoint is not part of the CRUD mock: answer it with expectations, with or without a tail. */
    private void serveLog(String podName) {
        if (server == null) {
            return;
        }
        String log = jobLog.isEmpty() ? "" : String.join("\n", jobLog) + "\n";
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + podName + "/log";
        for (int tail = 1; tail <= 100; tail++) {
            List<String> lines = jobLog.subList(Math.max(0, jobLog.size() - tail), jobLog.size());
            server.expect().get().withPath(path + "?pretty=false&tailLines=" + tail)
                    .andReturn(200, lines.isEmpty() ? "" : String.join("\n", lines) + "\n").always();
        }
        server.expect().get().withPath(path + "?pretty=false").andReturn(200, log).always();
    }

    private void writeJobStatus(String name, JobStatus status) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        job.setStatus(status);
        client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
    }

    // ---- helpers

    private static String hash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
        labels.remove("pod-template-hash");
        return Integer.toHexString(Objects.hash(labels, copy.getSpec().getContainers()));
    }

    private static long revision(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get(REVISION));
    }

    private static String annotation(Deployment d, String key) {
        return d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(key);
    }
}
