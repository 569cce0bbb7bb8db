package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;

/**
 * Waits for a service's count to be met when no new deployment was started (a scale, or an
 * {@code up} that changed nothing): SUCCEEDED once the PRIMARY deployment runs every desired task
 * and nothing else runs; FAILED once as many new tasks failed as the deployer's threshold
 * (half the desired count, at least 3), with their stopped reasons; never a silent success.
 */
final class ScaleWatcher {

    private final RunContext context;
    private final ServiceReader reader;
    private final Tasks tasks;
    private String primaryId;
    private int failedBefore;
    private String lastStopped;
    private String lastProgress;

    ScaleWatcher(RunContext context, ServiceReader reader) {
        this.context = context;
        this.reader = reader;
        this.tasks = new Tasks(context.clients().ecs(), context.ecs(), context.cluster());
    }

    /** Remembers the failures and stopped tasks from before the change, so that only new ones count. */
    ScaleWatcher before(Service service) {
        Deployment primary = DeploymentWatcher.primary(service).orElse(null);
        if (primary != null) {
            primaryId = primary.id();
            failedBefore = orZero(primary.failedTasks());
            tasks.newlyStopped(primaryId, context.pacer().now());
        }
        return this;
    }

    Verdict watch(Instant started, Duration timeout) {
        Instant deadline = started.plus(timeout);
        while (true) {
            Instant now = context.pacer().now();
            Optional<Service> described = reader.describe();
            if (described.isEmpty()) {
                return Verdict.of(DeployOutcome.FAILED, null, "service " + context.service() + " disappeared from cluster "
                        + context.cluster(), null);
            }
            Service service = described.get();
            reader.newEvents(service, now).forEach(context.events()::emit);
            Optional<Deployment> primary = DeploymentWatcher.primary(service);
            if (primary.isEmpty()) {
                return Verdict.of(DeployOutcome.FAILED, null, "service " + context.service() + " has no PRIMARY deployment", null);
            }
            Deployment d = primary.get();
            if (!d.id().equals(primaryId)) {
                failedBefore = primaryId == null ? failedBefore : 0;
                primaryId = d.id();
            }
            tasks.newlyStopped(d.id(), now).forEach(task -> {
                lastStopped = task.describe();
                context.events().emit(new EcsDeployEvent.TaskStopped(now, task));
            });
            int desired = orZero(service.desiredCount());
            var progress = new EcsDeployEvent.DeploymentProgress(now, d.id(), d.rolloutStateAsString(), desired,
                    orZero(d.pendingCount()), orZero(d.runningCount()), orZero(d.failedTasks()));
            if (!progress.message().equals(lastProgress)) {
                lastProgress = progress.message();
                context.events().emit(progress);
            }
            if (orZero(d.runningCount()) == desired && orZero(d.pendingCount()) == 0 && service.deployments().size() == 1
                    && !"FAILED".equals(d.rolloutStateAsString())) {
                return Verdict.of(DeployOutcome.SUCCEEDED, d.taskDefinition(), null, null);
            }
            int failed = orZero(d.failedTasks()) - failedBefore;
            int threshold = context.settings().failedTaskThreshold(desired);
            if (failed >= threshold || "FAILED".equals(d.rolloutStateAsString())) {
                return Verdict.of(DeployOutcome.FAILED, d.taskDefinition(), failed + " new tasks failed to start ("
                        + orZero(d.runningCount()) + "/" + desired + " running)"
                        + (lastStopped == null ? "" : "; last " + lastStopped), null);
            }
            if (!now.isBefore(deadline)) {
                return Verdict.of(DeployOutcome.TIMED_OUT, d.taskDefinition(), orZero(d.runningCount()) + "/" + desired
                        + " tasks running after " + timeout + "; ECS may still be starting them", null);
            }
            context.pacer().pause(deadline);
        }
    }

    private static int orZero(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
