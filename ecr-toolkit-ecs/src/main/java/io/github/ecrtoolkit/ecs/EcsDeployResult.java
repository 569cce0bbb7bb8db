package io.github.ecrtoolkit.ecs;

import java.util.List;
import java.util.Optional;

import org.immutables.value.Value;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployResult;
import io.github.ecrtoolkit.core.internal.ValueStyle;

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
 */
@Value.Immutable
@ValueStyle
@SuppressWarnings("immutables:from") // target() narrows DeployResult's; from(..) is not needed
public interface EcsDeployResult extends DeployResult {

    @Override
    EcsService target();

    /** The task definition ARN the service ran before the deploy. */
    String previousTaskDefinition();

    /** The task definition ARN the deploy rolled out (the previous one when only a new deployment was forced). */
    Optional<String> newTaskDefinition();

    /** The id of the deployment {@code UpdateService} started, e.g. {@code ecs-svc/1234567890123456789}. */
    Optional<String> deploymentId();

    /** The id of the deployment that rolled it back, by the circuit breaker or by the deployer. */
    Optional<String> rollbackDeploymentId();

    @Override
    default Optional<String> previousRevision() {
        return Optional.of(previousTaskDefinition());
    }

    @Override
    default Optional<String> newRevision() {
        return newTaskDefinition();
    }

    /** The tasks of this deployment (and its rollback) that stopped, oldest first. */
    default List<StoppedTask> stoppedTasks() {
        return events().stream().filter(EcsDeployEvent.TaskStopped.class::isInstance)
                .map(e -> ((EcsDeployEvent.TaskStopped) e).task()).toList();
    }

    /** The service's event log entries that appeared during the deploy, oldest first. */
    default List<EcsDeployEvent.ServiceEventObserved> serviceEvents() {
        return events().stream().filter(EcsDeployEvent.ServiceEventObserved.class::isInstance)
                .map(EcsDeployEvent.ServiceEventObserved.class::cast).toList();
    }

    @Override
    List<DeployEvent> events();
}
