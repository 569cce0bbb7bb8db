package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.immutables.value.Value;

import io.github.ecrtoolkit.core.internal.ValueStyle;

/**
 * How a one-off task (a migration, a batch job) ended: the outcome and each container's exit code.
 *
 * <pre>{@code
 * EcsTaskResult migration = deployer.runTask(EcsService.of("prod", "orders"), image,
 *         task -> task.command("bin/migrate"));
 * if (!migration.succeeded()) throw new IllegalStateException(migration.reason().orElse(""));
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public interface EcsTaskResult {

    TaskOutcome outcome();

    /** The cluster the task ran in. */
    String cluster();

    /** The container whose exit code decides the outcome. */
    String container();

    /** The task definition ARN the task ran (a new revision when the image changed). */
    String taskDefinition();

    /** The task's ARN; empty when ECS could not place it. */
    Optional<String> taskArn();

    /** How the task stopped; empty when it could not start or still ran at the time limit. */
    Optional<StoppedTask> stoppedTask();

    /** Why it did not succeed, in ECS's words where it gave them. */
    Optional<String> reason();

    /** Everything observed on the way, oldest first. */
    List<EcsDeployEvent> events();

    Duration elapsed();

    /** Exit codes by container name. */
    default Map<String, Integer> exitCodes() {
        return stoppedTask().map(StoppedTask::exitCodes).orElse(Map.of());
    }

    /** Shorthand for {@code outcome() == SUCCEEDED}. */
    default boolean succeeded() {
        return outcome() == TaskOutcome.SUCCEEDED;
    }
}
