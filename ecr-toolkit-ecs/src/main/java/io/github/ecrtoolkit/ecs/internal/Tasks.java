package io.github.ecrtoolkit.ecs.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

import io.github.ecrtoolkit.ecs.StoppedTask;

/** Finds the stopped tasks a deployment started, each once, and reads how they ended. */
public final class Tasks {

    private static final int DESCRIBE_BATCH = 100;

    private final EcsClient client;
    private final EcsCalls calls;
    private final String cluster;
    private final Set<String> reported = new HashSet<>();

    public Tasks(EcsClient client, EcsCalls calls, String cluster) {
        this.client = client;
        this.calls = calls;
        this.cluster = cluster;
    }

    /** Tasks started by {@code startedBy} (a deployment id) that stopped since the last call. */
    public List<StoppedTask> newlyStopped(String startedBy, Instant observed) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTasksResponse page = calls.call("ListTasks", () -> client.listTasks(r -> r.cluster(cluster)
                    .startedBy(startedBy).desiredStatus(DesiredStatus.STOPPED).nextToken(next)));
            page.taskArns().stream().filter(arn -> !reported.contains(arn)).forEach(arns::add);
            token = page.nextToken();
        } while (token != null);
        List<StoppedTask> stopped = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
            for (Task task : describe(batch)) {
                // desired STOPPED but still stopping: report it once it has stopped
                if ("STOPPED".equals(task.lastStatus()) && reported.add(task.taskArn())) {
                    stopped.add(toStoppedTask(task, observed));
                }
            }
        }
        return stopped;
    }

    public List<Task> describe(List<String> taskArns) {
        return calls.call("DescribeTasks", () -> client.describeTasks(r -> r.cluster(cluster).tasks(taskArns))).tasks();
    }

    public static StoppedTask toStoppedTask(Task task, Instant observed) {
        List<StoppedTask.ContainerExit> containers = task.containers().stream()
                .map(c -> new StoppedTask.ContainerExit(c.name(), Optional.ofNullable(c.exitCode()), c.reason()))
                .toList();
        return new StoppedTask(task.taskArn(), task.taskDefinitionArn(),
                task.stoppedAt() != null ? task.stoppedAt() : observed, task.stopCodeAsString(), task.stoppedReason(),
                containers);
    }
}
