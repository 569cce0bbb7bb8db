package io.github.ecrtoolkit.eks.internal;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The ReplicaSets a Deployment controls: matched by its selector and owned by its uid. */
final class ReplicaSets {

    private ReplicaSets() {
    }

    static List<ReplicaSet> owned(KubernetesClient client, Deployment deployment) {
        return client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace())
                .withLabelSelector(deployment.getSpec().getSelector()).list().getItems().stream()
                .filter(rs -> PodScanner.ownedBy(rs, deployment))
                .toList();
    }

    /** The revision number of a ReplicaSet, or -1 when it has none. */
    static long revision(ReplicaSet rs) {
        var annotations = rs.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Workloads.REVISION);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
