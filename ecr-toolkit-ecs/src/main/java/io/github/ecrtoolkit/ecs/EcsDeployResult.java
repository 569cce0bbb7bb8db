package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.DeployResult;

/**
 * The truthful end of an ECS deploy: the outcome, the task definitions before and after, which one
 * serves now, the deployment ids, and every service event and stopped task seen on the way.
 *
 * <pre>{@code
 * EcsDeployResult r = deployer.deploy(EcsService.of("prod", "orders"), image);
 * if (!r.succeeded()) {
 *     r.stoppedTasks().forEach(t -> log.warn("{}: {}", t.stoppedReason(), t.exitCodes()));
 * }
 * }</pre>
 *
 * @param outcome                how the deploy ended
 * @param target                 the service
 * @param image                  the image reference rolled out
 * @param previousTaskDefinition the task definition ARN the service ran before the deploy
 * @param newTaskDefinition      the task definition ARN the deploy rolled out (the previous one when
 *                               only a new deployment was forced)
 * @param servingRevision        the task definition serving when the deploy returned
 * @param reason                 why it did not succeed, in ECS's words where it gave them
 * @param deploymentId           the id of the deployment {@code UpdateService} started, e.g.
 *                               {@code ecs-svc/1234567890123456789}
 * @param rollbackDeploymentId   the id of the deployment that rolled it back, by the circuit breaker or
 *                               by the deployer
 * @param events                 everything observed on the way, oldest first ({@link EcsDeployEvent}s)
 * @param elapsed                from the first API call to the result
 */
public record EcsDeployResult(DeployOutcome outcome, EcsService target, String image, String previousTaskDefinition,
        Optional<String> newTaskDefinition, Optional<String> servingRevision, Optional<String> reason,
        Optional<String> deploymentId, Optional<String> rollbackDeploymentId, List<DeployEvent> events,
        Duration elapsed) implements DeployResult {

    public EcsDeployResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(previousTaskDefinition, "previousTaskDefinition");
        Objects.requireNonNull(newTaskDefinition, "newTaskDefinition");
        Objects.requireNonNull(servingRevision, "servingRevision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(rollbackDeploymentId, "rollbackDeploymentId");
        events = List.copyOf(events);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public Optional<String> previousRevision() {
        return Optional.of(previousTaskDefinition);
    }

    @Override
    public Optional<String> newRevision() {
        return newTaskDefinition;
    }

    /** The tasks of this deployment (and its rollback) that stopped, oldest first. */
    public List<StoppedTask> stoppedTasks() {
        return events.stream().filter(EcsDeployEvent.TaskStopped.class::isInstance)
                .map(e -> ((EcsDeployEvent.TaskStopped) e).task()).toList();
    }

    /** The service's event log entries that appeared during the deploy, oldest first. */
    public List<EcsDeployEvent.ServiceEventObserved> serviceEvents() {
        return events.stream().filter(EcsDeployEvent.ServiceEventObserved.class::isInstance)
                .map(EcsDeployEvent.ServiceEventObserved.class::cast).toList();
    }
}
