package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.testing.aws.Json;
import io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn;
import io.github.ecrtoolkit.testing.aws.ec2.NetworkInterface;

/**
 * Plays ECS's service scheduler, one step per look at a service: tasks started on the last step
 * run (or fail, for an image scripted to), a deployment whose tasks all run completes and the
 * tasks of the one it replaced stop, enough failed tasks trip the circuit breaker (which starts a
 * rollback deployment when asked to), and tasks are started or stopped to meet the count. Called by
 * {@link EcsStandIn} under its lock.
 */
final class ServiceScheduler {

    private final EcsStandIn ecs;
    /** Every task, by ARN. */
    final Map<String, LiveTask> tasks = new LinkedHashMap<>();
    /** Image to the reason its tasks stop before they run. */
    final Map<String, String> taskFailures = new HashMap<>();

    ServiceScheduler(EcsStandIn ecs) {
        this.ecs = ecs;
    }

    void advance(LiveService service) {
        if (service.status.equals("INACTIVE")) {
            return;
        }
        if (service.status.equals("DRAINING")) {
            List<LiveTask> live = tasksOf(service).stream().filter(LiveTask::live).toList();
            live.forEach(task -> stop(task, "ServiceSchedulerInitiated", "Service " + service.name + " deleted", null));
            if (live.isEmpty()) {
                service.status = "INACTIVE";
                service.deployments.forEach(d -> d.status = "INACTIVE");
            }
            return;
        }
        // tasks started on the last step run now, or fail
        for (LiveTask task : tasksOf(service)) {
            if (task.lastStatus.equals("PENDING")) {
                String failure = failureOf(task);
                if (failure == null) {
                    task.lastStatus = "RUNNING";
                    task.startedAt = ecs.seconds();
                } else {
                    stop(task, "TaskFailedToStart", failure, failure);
                    deployment(service, task.startedBy).ifPresent(d -> d.failedTasks++);
                }
            }
        }
        LiveService.LiveDeployment primary = service.primary();
        if (primary.rolloutState.equals("IN_PROGRESS") && service.breakerEnabled()
                && primary.failedTasks >= Math.max(3, Math.min(200, (primary.desiredCount + 1) / 2))) {
            primary.rolloutState = "FAILED";
            primary.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
            event(service, "(service " + service.name + ") (deployment " + primary.id + ") deployment failed: tasks failed to start.");
            if (service.breakerRollsBack() && service.lastCompleted != null && !service.lastCompleted.equals(primary.taskDefinition)) {
                LiveService.LiveDeployment rollback = new LiveService.LiveDeployment(ecs.nextDeploymentId(), service.lastCompleted,
                        service.desiredCount, ecs.seconds());
                rollback.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId " + primary.id + ".";
                primary.desiredCount = 0;
                primary.rolledBackBy = rollback.id;
                service.start(rollback);
                service.taskDefinition = service.lastCompleted;
                event(service, "(service " + service.name + ") rolling back to deployment " + rollback.id + ".");
                primary = rollback;
            }
        }
        LiveService.LiveDeployment current = primary;
        long running = count(service, current, "RUNNING");
        long pending = count(service, current, "PENDING");
        if (running == current.desiredCount && pending == 0 && !current.rolloutState.equals("FAILED")) {
            if (current.rolloutState.equals("IN_PROGRESS")) {
                current.rolloutState = "COMPLETED";
                current.rolloutStateReason = "ECS deployment " + current.id + " completed.";
                event(service, "(service " + service.name + ") (deployment " + current.id + ") deployment completed.");
            }
            for (LiveService.LiveDeployment old : List.copyOf(service.deployments)) {
                if (old != current) {
                    tasksOf(service).stream().filter(t -> t.startedBy.equals(old.id) && t.live())
                            .forEach(t -> stop(t, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment " + current.id + ")", null));
                    service.deployments.remove(old);
                }
            }
            service.lastCompleted = current.taskDefinition;
            if (!service.steady) {
                service.steady = true;
                event(service, "(service " + service.name + ") has reached a steady state.");
            }
            return;
        }
        if (current.rolloutState.equals("FAILED")) {
            return;
        }
        if (running + pending < current.desiredCount) {
            List<String> started = new ArrayList<>();
            for (long i = running + pending; i < current.desiredCount; i++) {
                started.add("(task " + launch(service, current).shortId() + ")");
            }
            event(service, "(service " + service.name + ") has started " + started.size() + " tasks: " + String.join(" ", started) + ".");
        } else if (running > current.desiredCount) {
            List<LiveTask> extra = tasksOf(service).stream().filter(t -> t.startedBy.equals(current.id) && t.lastStatus.equals("RUNNING"))
                    .limit(running - current.desiredCount).toList();
            extra.forEach(t -> stop(t, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment " + current.id + ")", null));
            event(service, "(service " + service.name + ") has stopped " + extra.size() + " running tasks.");
        }
    }

    private LiveTask launch(LiveService service, LiveService.LiveDeployment deployment) {
        long n = ecs.nextSequence();
        String id = String.format("%032x", n);
        LiveTask task = new LiveTask(ecs.aws.account().regionalArn("ecs", "task/" + service.cluster + "/" + id), service.cluster,
                "service:" + service.name, deployment.taskDefinition, deployment.id, ecs.seconds());
        List<String> subnets = service.subnets();
        if (!subnets.isEmpty()) {
            String subnet = subnets.get((int) (n % subnets.size()));
            Optional<Ec2StandIn> ec2 = ecs.optional(Ec2StandIn.class);
            if (ec2.isPresent()) {
                NetworkInterface eni = ec2.get().attachInterface(subnet, service.securityGroups(), service.assignPublicIp());
                task.eniId = eni.id();
                task.privateIp = eni.privateIp();
            } else {
                task.eniId = String.format("eni-%017x", n);
                task.privateIp = "10.0.0." + (n % 250 + 4);
            }
            task.subnetId = subnet;
        }
        tasks.put(task.arn, task);
        return task;
    }

    private void stop(LiveTask task, String stopCode, String reason, String containerReason) {
        task.lastStatus = "STOPPED";
        task.desiredStatus = "STOPPED";
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        task.containerReason = containerReason;
        task.exitCode = containerReason == null && task.startedAt != null ? 0 : null;
        task.stoppedAt = ecs.seconds();
        if (task.eniId != null) {
            ecs.optional(Ec2StandIn.class).ifPresent(ec2 -> ec2.detachInterface(task.eniId));
        }
    }

    private String failureOf(LiveTask task) {
        TaskDefinition definition = ecs.taskDefinition(task.taskDefinition);
        for (JsonNode container : definition.json().path("containerDefinitions")) {
            String failure = taskFailures.get(container.path("image").asText());
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    List<LiveTask> tasksOf(LiveService service) {
        return tasks.values().stream().filter(t -> t.cluster.equals(service.cluster) && t.group.equals("service:" + service.name)).toList();
    }

    long count(LiveService service, LiveService.LiveDeployment deployment, String status) {
        return tasksOf(service).stream().filter(t -> t.startedBy.equals(deployment.id) && t.lastStatus.equals(status)).count();
    }

    static Optional<LiveService.LiveDeployment> deployment(LiveService service, String id) {
        return service.deployments.stream().filter(d -> d.id.equals(id)).findFirst();
    }

    private void event(LiveService service, String message) {
        service.events.add(0, Json.object().put("id", UUID.randomUUID().toString()).put("createdAt", ecs.seconds()).put("message", message));
        if (service.events.size() > 100) {
            service.events.remove(service.events.size() - 1);
        }
    }
}
