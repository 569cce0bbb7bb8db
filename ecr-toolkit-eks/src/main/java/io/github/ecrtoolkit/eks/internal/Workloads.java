package io.github.ecrtoolkit.eks.internal;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.ecrtoolkit.eks.EksWorkload;

/** The few things the deployer needs from Deployments, StatefulSets and DaemonSets alike. */
public final class Workloads {

    /** Where the Deployment controller keeps the revision, on Deployments and ReplicaSets. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** kubectl's annotation for "why this revision exists". */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    /** The label the Deployment controller adds to a ReplicaSet's template. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private Workloads() {
    }

    public static Resource<? extends HasMetadata> resource(KubernetesClient client, EksWorkload workload) {
        return switch (workload.kind()) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(workload.namespace()).withName(workload.name());
            case STATEFUL_SET -> client.apps().statefulSets().inNamespace(workload.namespace()).withName(workload.name());
            case DAEMON_SET -> client.apps().daemonSets().inNamespace(workload.namespace()).withName(workload.name());
        };
    }

    public static PodTemplateSpec template(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (workload instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        }
        return ((DaemonSet) workload).getSpec().getTemplate();
    }

    public static LabelSelector selector(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return d.getSpec().getSelector();
        }
        if (workload instanceof StatefulSet s) {
            return s.getSpec().getSelector();
        }
        return ((DaemonSet) workload).getSpec().getSelector();
    }

    /** The revision serving or being rolled out, as far as this kind has one. */
    public static Optional<String> revision(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            Map<String, String> annotations = d.getMetadata().getAnnotations();
            return Optional.ofNullable(annotations == null ? null : annotations.get(REVISION));
        }
        if (workload instanceof StatefulSet s && s.getStatus() != null) {
            return Optional.ofNullable(s.getStatus().getUpdateRevision() != null ? s.getStatus().getUpdateRevision()
                    : s.getStatus().getCurrentRevision());
        }
        return Optional.empty();
    }

    /** {@code OnDelete} when a StatefulSet or DaemonSet only changes pods that are deleted: no rollout to await. */
    public static Optional<String> unsupportedStrategy(HasMetadata workload) {
        String type = null;
        if (workload instanceof StatefulSet s && s.getSpec().getUpdateStrategy() != null) {
            type = s.getSpec().getUpdateStrategy().getType();
        } else if (workload instanceof DaemonSet d && d.getSpec().getUpdateStrategy() != null) {
            type = d.getSpec().getUpdateStrategy().getType();
        }
        return "OnDelete".equals(type) ? Optional.of(type) : Optional.empty();
    }
}
