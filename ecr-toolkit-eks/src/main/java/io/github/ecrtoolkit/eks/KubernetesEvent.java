package io.github.ecrtoolkit.eks;

import java.time.Instant;

/**
 * A Kubernetes {@code Event} about the workload, its ReplicaSets or its pods (e.g. {@code FailedScheduling},
 * {@code BackOff}, {@code ScalingReplicaSet}).
 *
 * @param type {@code Normal} or {@code Warning}
 */
public record KubernetesEvent(Instant time, String involvedKind, String involvedName, String type, String reason,
        String note) implements EksEvent {

    @Override
    public String message() {
        return type + " " + reason + " " + involvedKind + "/" + involvedName + ": " + note;
    }
}
