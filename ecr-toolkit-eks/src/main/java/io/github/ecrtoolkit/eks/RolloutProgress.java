package io.github.ecrtoolkit.eks;

import java.time.Instant;

/**
 * The rollout's status changed, as kubectl would print it.
 *
 * @param desired replicas (Deployment, StatefulSet) or scheduled pods (DaemonSet) wanted
 * @param updated those running the new pod template
 * @param available those available (ready for a StatefulSet)
 * @param status kubectl's wording, e.g. {@code Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...}
 */
public record RolloutProgress(Instant time, EksWorkload workload, int desired, int updated, int available,
        String status) implements EksEvent {

    @Override
    public String message() {
        return status;
    }
}
