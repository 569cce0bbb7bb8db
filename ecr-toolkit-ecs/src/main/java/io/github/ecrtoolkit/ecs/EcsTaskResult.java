package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a one-off task (a migration, a batch job) ended: the outcome and each container's exit code.
 *
 * <pre>{@code
 * EcsTaskResult migration = deployer.runTask(EcsService.of("prod", "orders"), image,
 *         task -> task.command("bin/migrate"));
 * if (!migration.succeeded()) throw new IllegalStateException(migration.reason().orElse(""));
 * }</pre>
 *
 * @param outcome        how the task ended
 * @param cluster        the cluster the task ran in
 * @param container      the container whose exit code decides the outcome
 * @param taskDefinition the task definition ARN the task ran (a new revision when the image changed)
 * @param taskArn        the task's ARN; empty when ECS could not place it
 * @param stoppedTask    how the task stopped; empty when it could not start or still ran at the time limit
 * @param reason         why it did not succeed, in ECS's words where it gave them
 * @param events         everything observed on the way, oldest first
 * @param elapsed        from the first API call to the result
 */
public record EcsTaskResult(TaskOutcome outcome, String cluster, String container, String taskDefinition,
        Optional<String> taskArn, Optional<StoppedTask> stoppedTask, Optional<String> reason,
        List<EcsDeployEvent> events, Duration elapsed) {

    public EcsTaskResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(stoppedTask, "stoppedTask");
        Objects.requireNonNull(reason, "reason");
        events = List.copyOf(events);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Exit codes by container name. */
    public Map<String, Integer> exitCodes() {
        return stoppedTask.map(StoppedTask::exitCodes).orElse(Map.of());
    }

    /** Shorthand for {@code outcome() == SUCCEEDED}. */
    public boolean succeeded() {
        return outcome == TaskOutcome.SUCCEEDED;
    }
}
