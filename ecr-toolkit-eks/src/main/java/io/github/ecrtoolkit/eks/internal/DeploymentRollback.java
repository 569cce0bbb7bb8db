package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What {@code kubectl rollout undo} does: find the ReplicaSet of the wanted revision among those
 * this Deployment controls, and put its pod template (without the controller's
 * {@code pod-template-hash} label) back into the Deployment.
 *
 * @param fromRevision the Deployment's revision now
 * @param toRevision the revision restored
 * @param operations the JSON Patch to send
 * @param images image per container of the restored template
 */
public record DeploymentRollback(Optional<String> fromRevision, long toRevision, List<Map<String, Object>> operations,
        Map<String, String> images) {

    /** ReplicaSet annotations that describe the ReplicaSet itself, not the revision (kubectl's list). */
    private static final Set<String> NOT_COPIED = Set.of(Workloads.REVISION, "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
            "kubectl.kubernetes.io/last-applied-configuration", "deprecated.deployment.rollback.to");

    /**
     * @param toRevision the revision to restore, or empty for the one before the current
     * @throws IllegalArgumentException when that revision is not among the Deployment's ReplicaSets
     */
    public static DeploymentRollback plan(KubernetesClient client, Deployment deployment, Optional<Long> toRevision) {
        List<ReplicaSet> owned = new ArrayList<>(ReplicaSets.owned(client, deployment));
        owned.sort(Comparator.comparingLong(ReplicaSets::revision));
        Optional<String> current = Workloads.revision(deployment);
        long currentRevision = current.map(DeploymentRollback::parse)
                .orElseGet(() -> owned.isEmpty() ? -1 : ReplicaSets.revision(owned.get(owned.size() - 1)));
        List<Long> known = owned.stream().map(ReplicaSets::revision).filter(r -> r >= 0).toList();
        ReplicaSet target = null;
        if (toRevision.isPresent()) {
            target = owned.stream().filter(rs -> ReplicaSets.revision(rs) == toRevision.get()).findFirst().orElse(null);
            if (target == null) {
                throw new IllegalArgumentException("revision " + toRevision.get() + " not found; known revisions "
                        + known + " (kubectl rollout history shows them)");
            }
        } else {
            for (ReplicaSet rs : owned) {
                long r = ReplicaSets.revision(rs);
                if (r >= 0 && r < currentRevision) {
                    target = rs; // sorted ascending: the last one below current wins
                }
            }
            if (target == null) {
                throw new IllegalArgumentException("no revision before " + currentRevision + " to roll back to; known "
                        + "revisions " + known + " (Kubernetes keeps revisionHistoryLimit of them)");
            }
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(target.getSpec().getTemplate()).build();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
            labels.remove(Workloads.POD_TEMPLATE_HASH);
            template.getMetadata().setLabels(labels);
        }
        Map<String, String> annotations = new HashMap<>();
        if (deployment.getMetadata().getAnnotations() != null) {
            annotations.putAll(deployment.getMetadata().getAnnotations());
        }
        annotations.remove(Workloads.CHANGE_CAUSE);
        if (target.getMetadata().getAnnotations() != null) {
            target.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!NOT_COPIED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        List<Map<String, Object>> ops = List.of(
                ImagePatch.op("replace", "/spec/template", template),
                ImagePatch.op(deployment.getMetadata().getAnnotations() == null ? "add" : "replace",
                        "/metadata/annotations", annotations));
        Map<String, String> images = new LinkedHashMap<>();
        template.getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        return new DeploymentRollback(current, ReplicaSets.revision(target), ops, images);
    }

    private static long parse(String revision) {
        try {
            return Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
