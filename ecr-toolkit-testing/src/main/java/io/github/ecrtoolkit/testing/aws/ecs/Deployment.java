package io.github.ecrtoolkit.testing.aws.ecs;

/**
 * One deployment of a service, as {@code DescribeServices} lists it.
 *
 * @param id its id, such as {@code ecs-svc/0000000000000000001}
 * @param status {@code PRIMARY}, {@code ACTIVE} (being replaced) or {@code INACTIVE}
 * @param taskDefinition the revision it runs
 * @param desiredCount tasks it wants
 * @param pendingCount tasks starting
 * @param runningCount tasks running
 * @param failedTasks tasks that failed to start or stopped early
 * @param rolloutState {@code IN_PROGRESS}, {@code COMPLETED} or {@code FAILED}
 * @param rolloutStateReason ECS's words about the state
 */
public record Deployment(String id, String status, String taskDefinition, int desiredCount, int pendingCount,
        int runningCount, int failedTasks, String rolloutState, String rolloutStateReason) {
}
