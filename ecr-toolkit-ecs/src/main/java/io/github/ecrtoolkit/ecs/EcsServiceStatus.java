package io.github.ecrtoolkit.ecs;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A service as it is now: its revision, counts, deployments, tasks and endpoints.
 *
 * <pre>{@code
 * EcsServiceStatus s = ecs.status(EcsService.of("prod", "orders"));
 * System.out.println(s.runningCount() + "/" + s.desiredCount() + " running " + s.taskDefinition());
 * }</pre>
 *
 * @param service the service
 * @param status ECS's status: {@code ACTIVE}, {@code DRAINING}, {@code INACTIVE}
 * @param taskDefinition the revision it is meant to run
 * @param desiredCount tasks it wants
 * @param runningCount tasks running
 * @param pendingCount tasks starting
 * @param deployments its deployments, the PRIMARY one first
 * @param tasks its tasks that run or start
 * @param endpoints how to reach the running tasks
 */
public record EcsServiceStatus(EcsService service, String status, String taskDefinition, int desiredCount,
        int runningCount, int pendingCount, List<Deployment> deployments, List<Task> tasks, List<URI> endpoints) {

    public EcsServiceStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        deployments = List.copyOf(deployments);
        tasks = List.copyOf(tasks);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One deployment.
     *
     * @param id its id
     * @param status {@code PRIMARY} or {@code ACTIVE} (being replaced)
     * @param taskDefinition the revision it runs
     * @param rolloutState {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED}; empty if ECS gave none
     * @param desired tasks it wants
     * @param running tasks running
     * @param failed tasks that failed
     */
    public record Deployment(String id, String status, String taskDefinition, String rolloutState, int desired,
            int running, int failed) {
    }

    /**
     * One task.
     *
     * @param arn its ARN
     * @param lastStatus {@code PROVISIONING}, {@code PENDING}, {@code RUNNING}, …
     * @param taskDefinition the revision it runs
     */
    public record Task(String arn, String lastStatus, String taskDefinition) {
    }
}
