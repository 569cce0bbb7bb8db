package io.github.ecrtoolkit.eks;

import java.time.Instant;

/** Reading the rollout status failed this time; the deployer keeps trying until its time limit. */
public record StatusUnreadable(Instant time, EksWorkload workload, String error) implements EksEvent {

    @Override
    public String message() {
        return "cannot read the status of " + workload.displayName() + ": " + error;
    }
}
