package io.github.ecrtoolkit.ecs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A task that stopped, as ECS described it: why it stopped and how each container ended.
 *
 * @param taskArn the task
 * @param taskDefinitionArn the revision it ran
 * @param stoppedAt when it stopped (when it was observed, if ECS gave no time)
 * @param stopCode ECS's category, e.g. {@code TaskFailedToStart}, {@code EssentialContainerExited}; empty if none
 * @param stoppedReason ECS's words, e.g. {@code Essential container in task exited}; empty if none
 * @param containers each container's name, exit code and reason
 */
public record StoppedTask(String taskArn, String taskDefinitionArn, Instant stoppedAt, String stopCode,
        String stoppedReason, List<ContainerExit> containers) {

    public StoppedTask {
        Objects.requireNonNull(taskArn, "taskArn");
        taskDefinitionArn = Objects.requireNonNullElse(taskDefinitionArn, "");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        stopCode = Objects.requireNonNullElse(stopCode, "");
        stoppedReason = Objects.requireNonNullElse(stoppedReason, "");
        containers = List.copyOf(containers);
    }

    /** Exit codes by container name, for the containers that have one (a container that never started has none). */
    public Map<String, Integer> exitCodes() {
        return containers.stream().filter(c -> c.exitCode().isPresent())
                .collect(Collectors.toUnmodifiableMap(ContainerExit::name, c -> c.exitCode().get()));
    }

    /** One line for a human. */
    public String describe() {
        String exits = containers.stream().map(ContainerExit::describe).collect(Collectors.joining(", "));
        return "task " + shortId(taskArn) + " stopped: " + (stoppedReason.isEmpty() ? stopCode : stoppedReason)
                + (exits.isEmpty() ? "" : " (" + exits + ")");
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /**
     * How one container of a stopped task ended.
     *
     * @param name the container's name in the task definition
     * @param exitCode its exit code; empty when it never ran (e.g. the image could not be pulled)
     * @param reason ECS's reason for the container, e.g. {@code CannotPullContainerError: ...}; empty if none
     */
    public record ContainerExit(String name, Optional<Integer> exitCode, String reason) {

        public ContainerExit {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(exitCode, "exitCode");
            reason = Objects.requireNonNullElse(reason, "");
        }

        String describe() {
            return name + " " + exitCode.map(code -> "exit " + code).orElse("no exit code")
                    + (reason.isEmpty() ? "" : ": " + reason);
        }
    }
}
