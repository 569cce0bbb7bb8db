package io.github.ecrtoolkit.core.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The truthful end of a deploy: how it ended, what serves now, and what happened on the way.
 * Deployers return richer subtypes (for ECS: the task definitions and the stopped tasks).
 *
 * <pre>{@code
 * switch (result.outcome()) {
 *     case SUCCEEDED -> log.info("serving {}", result.servingRevision().orElseThrow());
 *     case ROLLED_BACK, FAILED -> alert(result.reason().orElse("unknown"));
 *     case TIMED_OUT -> log.warn("still rolling out after {}", result.elapsed());
 * }
 * }</pre>
 */
public interface DeployResult {

    DeployOutcome outcome();

    /** Where the image was rolled out to. */
    DeployTarget target();

    /** The image reference that was rolled out. */
    String image();

    /** The revision that served before the deploy (ECS task definition ARN, Kubernetes revision). */
    Optional<String> previousRevision();

    /** The revision the deploy created, if it got that far. */
    Optional<String> newRevision();

    /** The revision serving when the deploy returned: new on success, previous after a rollback. */
    Optional<String> servingRevision();

    /** Why the deploy did not succeed, in the platform's words where it gave them. */
    Optional<String> reason();

    /** Everything observed on the way, oldest first. */
    List<DeployEvent> events();

    /** How long the deploy took, from the first API call to the result. */
    Duration elapsed();

    /** Shorthand for {@code outcome() == SUCCEEDED}. */
    default boolean succeeded() {
        return outcome() == DeployOutcome.SUCCEEDED;
    }
}
