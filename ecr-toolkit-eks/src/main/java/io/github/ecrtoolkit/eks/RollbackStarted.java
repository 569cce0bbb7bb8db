package io.github.ecrtoolkit.eks;

import java.time.Instant;
import java.util.Optional;

/**
 * The deployer is restoring an earlier revision of a Deployment.
 *
 * @param fromRevision the revision being replaced
 * @param toRevision the revision whose pod template is restored
 * @param reason why: the caller asked, or the rollout failed
 */
public record RollbackStarted(Instant time, EksWorkload workload, Optional<String> fromRevision, String toRevision,
        String reason) implements EksEvent {

    @Override
    public String message() {
        return "rolling back " + workload.displayName() + fromRevision.map(r -> " from revision " + r).orElse("")
                + " to revision " + toRevision + ": " + reason;
    }
}
