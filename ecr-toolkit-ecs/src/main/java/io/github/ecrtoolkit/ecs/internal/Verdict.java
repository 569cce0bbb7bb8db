package io.github.ecrtoolkit.ecs.internal;

import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;

/** How the watch ended: the outcome, what serves now, why, and the rollback deployment if any. */
public record Verdict(DeployOutcome outcome, Optional<String> serving, Optional<String> reason,
        Optional<String> rollbackDeploymentId) {

    static Verdict of(DeployOutcome outcome, String serving, String reason, String rollbackId) {
        return new Verdict(outcome, Optional.ofNullable(serving), Optional.ofNullable(reason),
                Optional.ofNullable(rollbackId));
    }
}
