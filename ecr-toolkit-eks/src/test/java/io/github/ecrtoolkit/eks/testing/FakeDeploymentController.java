package io.github.ecrtoolkit.eks.testing;

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
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the Deployment controller against fabric8's CRUD mock server, which runs none: each
 * {@link #step()} makes or reuses the ReplicaSet of the current pod template (numbering revisions
 * like Kubernetes, renumbering a restored one), creates its pods and writes the Deployment status
 * the chosen {@link Behaviour} calls for.
 */
public final class FakeDeploymentController {

    /** What the next steps do with the rollout. */
    public enum Behaviour {
        /** Observe, then report every replica updated and available. */
        HEALTHY,
        /** Observe, new pods stay in ImagePullBackOff, Progressing says ProgressDeadlineExceeded. */
        DEADLINE_EXCEEDED,
        /** Observe, new pods crash (CrashLoopBackOff), rollout never finishes. */
        CRASHING,
        /** Observe, then keep one replica updated forever. */
        SLOW,
        /** Claim everything is available but never observe the new generation. */
        STALE
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private volatile Behaviour behaviour = Behaviour.HEALTHY;
    private int steps;

    public FakeDeploymentController(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public int steps() {
        return steps;
    }

    /** Creates the Deployment with one container and lets the controller settle it at revision 1. */
    public Deployment createDeployment(String image) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer()
                .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        Behaviour was = behaviour;
        behave(Behaviour.HEALTHY);
        step();
        behave(was);
        return deployment();
    }

    public Deployment deployment() {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    public synchronized void step() {
        steps++;
        Deployment d = deployment();
        if (d == null) {
            return;
        }
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        if (behaviour == Behaviour.STALE) {
            DeploymentStatus status = new DeploymentStatusBuilder(d.getStatus() == null ? new DeploymentStatus() : d.getStatus())
                    .withObservedGeneration(generation - 1).withReplicas(replicas).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(replicas).withReadyReplicas(replicas).build();
            writeStatus(status);
            return;
        }
        ReplicaSet rs = replicaSetFor(d);
        String revision = rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
        if (!revision.equals(annotation(d, "deployment.kubernetes.io/revision"))) {
            d = client.apps().deployments().inNamespace(namespace).withName(name)
                    .edit(x -> new DeploymentBuilder(x).editMetadata()
                            .addToAnnotations("deployment.kubernetes.io/revision", revision).endMetadata().build());
        }
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        DeploymentStatusBuilder status = new DeploymentStatusBuilder().withObservedGeneration(generation);
        switch (behaviour) {
            case HEALTHY -> {
                deleteOtherPods(hash);
                ensurePods(rs, hash, replicas, null);
                status.withReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                        .withReadyReplicas(replicas).addToConditions(new DeploymentConditionBuilder()
                                .withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable").build());
            }
            case DEADLINE_EXCEEDED -> {
                ensurePods(rs, hash, 1, "ImagePullBackOff");
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas)
                        .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"" + rs.getMetadata().getName()
                                        + "\" has timed out progressing.").build());
            }
            case CRASHING -> {
                ensurePods(rs, hash, 1, "CrashLoopBackOff");
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas);
            }
            case SLOW -> {
                ensurePods(rs, hash, 1, null);
                status.withReplicas(replicas + 1).withUpdatedReplicas(1).withAvailableReplicas(replicas);
            }
            default -> throw new IllegalStateException();
        }
        writeStatus(status.build());
    }

    /** Records a Kubernetes Event about one of the new pods (or the Deployment when there are none). */
    public void recordWarning(String reason, String message) {
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

    private void writeStatus(DeploymentStatus status) {
        Deployment d = deployment();
        d.setStatus(status);
        client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }

    /** The ReplicaSet whose template equals the Deployment's; created (or renumbered) as the controller does. */
    private ReplicaSet replicaSetFor(Deployment d) {
        List<ReplicaSet> owned = new ArrayList<>(client.apps().replicaSets().inNamespace(namespace)
                .withLabel("app", name).list().getItems());
        owned.sort(Comparator.comparingLong(FakeDeploymentController::revision));
        long max = owned.isEmpty() ? 0 : revision(owned.get(owned.size() - 1));
        String hash = hash(d.getSpec().getTemplate());
        for (ReplicaSet rs : owned) {
            if (hash.equals(rs.getMetadata().getLabels().get("pod-template-hash"))) {
                if (revision(rs) == max) {
                    return rs;
                }
                return client.apps().replicaSets().inNamespace(namespace).withName(rs.getMetadata().getName())
                        .edit(x -> new ReplicaSetBuilder(x).editMetadata()
                                .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(max + 1))
                                .endMetadata().build());
            }
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editMetadata()
                .addToLabels("pod-template-hash", hash).endMetadata().build();
        Map<String, String> annotations = new HashMap<>();
        annotations.put("deployment.kubernetes.io/revision", String.valueOf(max + 1));
        String cause = annotation(d, "kubernetes.io/change-cause");
        if (cause != null) {
            annotations.put("kubernetes.io/change-cause", cause);
        }
        return client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-" + hash).withNamespace(namespace)
                .addToLabels("app", name).addToLabels("pod-template-hash", hash)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(name).withUid(d.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(d.getSpec().getReplicas())
                .withNewSelector().addToMatchLabels("app", name).addToMatchLabels("pod-template-hash", hash).endSelector()
                .withTemplate(template).endSpec().build()).create();
    }

    private void ensurePods(ReplicaSet rs, String hash, int count, String waitingReason) {
        for (int i = 0; i < count; i++) {
            String podName = rs.getMetadata().getName() + "-" + i;
            if (client.pods().inNamespace(namespace).withName(podName).get() != null) {
                continue;
            }
            PodBuilder pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                    .addToLabels("app", name).addToLabels("pod-template-hash", hash).endMetadata()
                    .withSpec(rs.getSpec().getTemplate().getSpec());
            var status = new ContainerStatusBuilder().withName("web").withImage(
                    rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            if (waitingReason == null) {
                status.withNewState().withNewRunning().endRunning().endState().withReady(true);
            } else if (waitingReason.equals("CrashLoopBackOff")) {
                status.withNewState().withNewWaiting().withReason(waitingReason)
                        .withMessage("back-off 40s restarting failed container=web").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                        .endTerminated().endLastState().withRestartCount(3);
            } else {
                status.withNewState().withNewWaiting().withReason(waitingReason)
                        .withMessage("Back-off pulling image \"" + rs.getSpec().getTemplate().getSpec().getContainers()
                                .get(0).getImage() + "\"").endWaiting().endState();
            }
            client.pods().inNamespace(namespace).resource(pod.withNewStatus().withPhase(waitingReason == null
                    ? "Running" : "Pending").addToContainerStatuses(status.build()).endStatus().build()).create();
        }
    }

    private void deleteOtherPods(String hash) {
        for (Pod pod : client.pods().inNamespace(namespace).withLabel("app", name).list().getItems()) {
            if (!hash.equals(pod.getMetadata().getLabels().get("pod-template-hash"))) {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            }
        }
    }

    private static String hash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
        labels.remove("pod-template-hash");
        copy.getMetadata().setLabels(labels);
        return Integer.toHexString(Objects.hash(copy.getMetadata().getLabels(), copy.getSpec().getContainers()));
    }

    private static long revision(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    private static String annotation(Deployment d, String key) {
        return d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(key);
    }
}
