package io.github.ecrtoolkit.ecs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.Sleeper;

/**
 * The deployer-wide settings of {@link EcsDeployer.Builder}, as the internals see them.
 *
 * @param failedTaskThreshold failed tasks that trigger our rollback; 0 means "like ECS's circuit
 *        breaker: half the desired count, at least 3, at most 200"
 * @param rollbackAfter roll back (when asked to) if the deployment has not completed after this long
 * @param keepRevisions revisions of the family to keep after a settled deploy; 0 keeps all
 * @param imagePlatforms what an image runs on, checked against the task definition before anything is registered
 */
public record DeploySettings(Duration pollInterval, Duration maxBackoff, int failedTaskThreshold,
        Optional<Duration> rollbackAfter, Duration rollbackTimeout, int keepRevisions, Clock clock,
        Sleeper sleeper, ImagePlatforms imagePlatforms) {

    public int failedTaskThreshold(int desired) {
        return failedTaskThreshold > 0 ? failedTaskThreshold : Math.max(3, Math.min(200, desired / 2));
    }

    /** A builder's check of a duration setting: positive, or an {@code IllegalArgumentException} naming it. */
    public static Duration positive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return duration;
    }

    public Pacer newPacer() {
        return new Pacer(clock, sleeper, pollInterval, maxBackoff);
    }
}
