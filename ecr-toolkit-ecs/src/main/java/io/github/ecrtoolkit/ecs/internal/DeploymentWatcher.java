package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsDeployEvent.RollbackBy;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;

/**
 * Watches one deployment by its id until it settles, instead of the "services stable" waiter
 * (which ignores {@code rolloutState} and calls a circuit-breaker rollback a success):
 * <ul>
 *   <li>{@code COMPLETED} and running = desired: SUCCEEDED;</li>
 *   <li>replaced by a deployment of the previous revision (circuit breaker, or ours when the
 *       caller asked for it): wait for that one, then ROLLED_BACK;</li>
 *   <li>{@code rolloutState=FAILED} and nobody rolls back: FAILED with {@code rolloutStateReason};</li>
 *   <li>the caller's limit: TIMED_OUT.</li>
 * </ul>
 * Meanwhile it reports new service events, progress, and the stopped tasks of the deployments it watches.
 */
public final class DeploymentWatcher {

    /** Polls to wait for the circuit breaker to start its rollback after a FAILED rollout. */
    static final int BREAKER_GRACE_POLLS = 5;

    private final EcsClient client;
    private final EcsCalls calls;
    private final ServiceReader serviceReader;
    private final Tasks tasks;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;
    private final DeploySettings settings;
    private final String cluster;
    private final String service;
    private final String previousTaskDefinition;
    private final String newTaskDefinition;
    private final boolean rollbackOnFailure;

    private final Set<String> watchedIds = new LinkedHashSet<>();
    private EcsDeployEvent.DeploymentProgress lastProgress;
    private String failureReason;
    private String lastStoppedTask;
    private String staleId;
    private String rollbackId;
    /** Our own rollback gets at least {@code rollbackTimeout}, even when it starts near the caller's limit. */
    private Instant rollbackDeadline = Instant.MIN;
    private int failedPollsWithoutBreakerRollback;

    public DeploymentWatcher(EcsClient client, EcsCalls calls, ServiceReader serviceReader, Tasks tasks, Pacer pacer,
            EventLog<EcsDeployEvent> events, DeploySettings settings, String cluster, String service, String previousTaskDefinition,
            String newTaskDefinition, boolean rollbackOnFailure) {
        this.client = client;
        this.calls = calls;
        this.serviceReader = serviceReader;
        this.tasks = tasks;
        this.pacer = pacer;
        this.events = events;
        this.settings = settings;
        this.cluster = cluster;
        this.service = service;
        this.previousTaskDefinition = previousTaskDefinition;
        this.newTaskDefinition = newTaskDefinition;
        this.rollbackOnFailure = rollbackOnFailure;
    }

    /**
     * @param staleId the deployment that was PRIMARY before our {@code UpdateService}: seeing it as
     *        PRIMARY without ours is an eventually consistent read, not a rollback
     */
    public Verdict watch(String deploymentId, String staleId, Instant started, Duration timeout) {
        watchedIds.add(deploymentId);
        this.staleId = staleId;
        Instant deadline = started.plus(timeout);
        while (true) {
            pacer.pause(deadline);
            Instant now = pacer.now();
            Optional<Service> described = serviceReader.describe();
            if (described.isEmpty()) {
                return Verdict.of(DeployOutcome.FAILED, null, "service " + service + " disappeared from cluster "
                        + cluster + " during the deployment", rollbackId);
            }
            Service current = described.get();
            serviceReader.newEvents(current, now).forEach(events::emit);
            for (String id : watchedIds) {
                tasks.newlyStopped(id, now).forEach(task -> {
                    lastStoppedTask = task.describe();
                    events.emit(new EcsDeployEvent.TaskStopped(now, task));
                });
            }
            Optional<Verdict> verdict = rollbackId == null
                    ? judgeRollout(current, deploymentId, started, now)
                    : judgeRollback(current);
            if (verdict.isPresent()) {
                return verdict.get();
            }
            if (rollbackId != null && deadline.isBefore(rollbackDeadline)) {
                deadline = rollbackDeadline;
            }
            if (!now.isBefore(deadline)) {
                return timedOut(current, deploymentId, timeout);
            }
        }
    }

    private Optional<Verdict> judgeRollout(Service current, String deploymentId, Instant started, Instant now) {
        Optional<Deployment> ours = find(current, deploymentId);
        ours.ifPresent(this::progress);
        // "in progress" reasons are not failure reasons: keep ECS's words only once the rollout FAILED
        ours.filter(d -> "FAILED".equals(d.rolloutStateAsString())).map(Deployment::rolloutStateReason)
                .filter(r -> !r.isBlank()).ifPresent(r -> failureReason = r);
        Optional<Deployment> primary = primary(current);
        if (ours.isEmpty() && primary.map(Deployment::id).filter(id -> id.equals(staleId)).isPresent()) {
            return Optional.empty(); // a read from before our UpdateService
        }
        if (ours.isEmpty() || !"PRIMARY".equals(ours.get().status())) {
            // our deployment was replaced: a rollback when the new primary runs the previous revision, or
            // when ours failed (the breaker goes back to the last completed revision, maybe an older one)
            boolean failed = ours.map(d -> "FAILED".equals(d.rolloutStateAsString())).orElse(false);
            if (primary.isPresent() && (failed || previousTaskDefinition.equals(primary.get().taskDefinition()))) {
                startWatchingRollback(primary.get(), RollbackBy.CIRCUIT_BREAKER, now);
                return judgeRollback(current);
            }
            return Optional.of(Verdict.of(DeployOutcome.FAILED, primary.map(Deployment::taskDefinition).orElse(null),
                    "deployment " + deploymentId + " was superseded by deployment "
                            + primary.map(Deployment::id).orElse("(none)") + " of "
                            + primary.map(Deployment::taskDefinition).orElse("(unknown)"), null));
        }
        Deployment deployment = ours.get();
        if (isDone(current, deployment)) {
            return Optional.of(Verdict.of(DeployOutcome.SUCCEEDED, newTaskDefinition, null, null));
        }
        if ("FAILED".equals(deployment.rolloutStateAsString())) {
            String reason = Objects.requireNonNullElse(failureReason, "rollout state FAILED");
            if (breakerRollsBack(current) && ++failedPollsWithoutBreakerRollback <= BREAKER_GRACE_POLLS) {
                return Optional.empty(); // ECS is about to start its rollback deployment
            }
            if (rollbackOnFailure) {
                rollBack(reason, now);
                return Optional.empty();
            }
            return Optional.of(Verdict.of(DeployOutcome.FAILED, null, reason, null));
        }
        if (rollbackOnFailure) {
            int failed = orZero(deployment.failedTasks());
            int threshold = settings.failedTaskThreshold(orZero(deployment.desiredCount()));
            if (failed >= threshold) {
                rollBack(failed + " tasks failed (threshold " + threshold + ")"
                        + (lastStoppedTask == null ? "" : "; last " + lastStoppedTask), now);
            } else if (settings.rollbackAfter().filter(limit -> !now.isBefore(started.plus(limit))).isPresent()) {
                rollBack("not completed within " + settings.rollbackAfter().get(), now);
            }
        }
        return Optional.empty();
    }

    private Optional<Verdict> judgeRollback(Service current) {
        Optional<Deployment> rollback = find(current, rollbackId);
        rollback.ifPresent(this::progress);
        if (rollback.isEmpty() || !"PRIMARY".equals(rollback.get().status())) {
            Optional<String> primaryId = primary(current).map(Deployment::id);
            if (rollback.isEmpty() && primaryId.filter(watchedIds::contains).isPresent()) {
                return Optional.empty(); // a read from before our UpdateService: ECS is eventually consistent
            }
            return Optional.of(Verdict.of(DeployOutcome.FAILED, primary(current).map(Deployment::taskDefinition)
                    .orElse(null), "the rollback deployment " + rollbackId + " was superseded; "
                    + reasonOrDefault(), rollbackId));
        }
        if (isDone(current, rollback.get())) {
            return Optional.of(Verdict.of(DeployOutcome.ROLLED_BACK, rollback.get().taskDefinition(),
                    reasonOrDefault(), rollbackId));
        }
        if ("FAILED".equals(rollback.get().rolloutStateAsString())) {
            return Optional.of(Verdict.of(DeployOutcome.FAILED, null, "the rollback failed too ("
                    + Objects.requireNonNullElse(rollback.get().rolloutStateReason(), "rollout state FAILED")
                    + "); " + reasonOrDefault(), rollbackId));
        }
        return Optional.empty();
    }

    private void rollBack(String reason, Instant now) {
        failureReason = reason;
        var response = calls.call("UpdateService", () -> client.updateService(r -> r.cluster(cluster)
                .service(service).taskDefinition(previousTaskDefinition).forceNewDeployment(true)));
        Deployment rollback = primary(response.service()).orElseThrow(() -> new EcsException(cluster, service,
                "the rollback's UpdateService returned no PRIMARY deployment; check service " + service));
        startWatchingRollback(rollback, RollbackBy.DEPLOYER, now);
        rollbackDeadline = now.plus(settings.rollbackTimeout());
    }

    private void startWatchingRollback(Deployment rollback, RollbackBy by, Instant now) {
        rollbackId = rollback.id();
        watchedIds.add(rollbackId);
        events.emit(new EcsDeployEvent.RollbackStarted(now, by, rollbackId,
                Objects.requireNonNullElse(rollback.taskDefinition(), previousTaskDefinition), failureReason));
    }

    private Verdict timedOut(Service current, String deploymentId, Duration timeout) {
        String watched = rollbackId == null ? deploymentId : rollbackId;
        String state = find(current, watched).map(d -> Objects.requireNonNullElse(d.rolloutStateAsString(), "")
                + " " + orZero(d.runningCount()) + "/" + orZero(d.desiredCount()) + " running").orElse("gone");
        return Verdict.of(DeployOutcome.TIMED_OUT, null, (rollbackId == null ? "deployment " : "rollback deployment ")
                + watched + " had not settled after " + timeout + " (" + state.trim() + "); it may still be in progress",
                rollbackId);
    }

    /** COMPLETED and every desired task running; without a rollout state, the only deployment and no pending tasks. */
    private static boolean isDone(Service current, Deployment deployment) {
        boolean allRunning = orZero(deployment.runningCount()) == orZero(deployment.desiredCount());
        String state = deployment.rolloutStateAsString();
        if (state == null) {
            return allRunning && orZero(deployment.pendingCount()) == 0 && current.deployments().size() == 1;
        }
        return "COMPLETED".equals(state) && allRunning;
    }

    private static boolean breakerRollsBack(Service current) {
        var config = current.deploymentConfiguration();
        return config != null && config.deploymentCircuitBreaker() != null
                && Boolean.TRUE.equals(config.deploymentCircuitBreaker().enable())
                && Boolean.TRUE.equals(config.deploymentCircuitBreaker().rollback());
    }

    private void progress(Deployment d) {
        EcsDeployEvent.DeploymentProgress now = new EcsDeployEvent.DeploymentProgress(pacer.now(), d.id(),
                d.rolloutStateAsString(), orZero(d.desiredCount()), orZero(d.pendingCount()),
                orZero(d.runningCount()), orZero(d.failedTasks()));
        if (lastProgress == null || !sameCounts(lastProgress, now)) {
            lastProgress = now;
            events.emit(now);
        }
    }

    private static boolean sameCounts(EcsDeployEvent.DeploymentProgress a, EcsDeployEvent.DeploymentProgress b) {
        return a.deploymentId().equals(b.deploymentId()) && a.rolloutState().equals(b.rolloutState())
                && a.desired() == b.desired() && a.pending() == b.pending() && a.running() == b.running()
                && a.failed() == b.failed();
    }

    private String reasonOrDefault() {
        if (failureReason != null) {
            return failureReason;
        }
        return "the new revision did not become healthy" + (lastStoppedTask == null ? "" : "; last " + lastStoppedTask);
    }

    static Optional<Deployment> find(Service service, String id) {
        return service.deployments().stream().filter(d -> id.equals(d.id())).findFirst();
    }

    static Optional<Deployment> primary(Service service) {
        List<Deployment> deployments = service.deployments();
        return deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
