package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.ecrtoolkit.core.deploy.DeployEvent;

/**
 * What an {@link EcsDeployer} or {@link EcsServices} observes while it works, as typed, immutable
 * values. Switch on the type to react to one kind, or print {@link #message()}:
 *
 * <pre>{@code
 * opts.listener(event -> {
 *     if (event instanceof EcsDeployEvent.TaskStopped stopped) {
 *         log.warn("{}", stopped.task().exitCodes());
 *     }
 * });
 * }</pre>
 */
public sealed interface EcsDeployEvent extends DeployEvent {

    /** A new task definition revision was registered with the new image. */
    record TaskDefinitionRegistered(Instant time, String taskDefinitionArn, String image) implements EcsDeployEvent {
        public TaskDefinitionRegistered {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
            Objects.requireNonNull(image, "image");
        }

        @Override
        public String message() {
            return "registered " + taskDefinitionArn + " with image " + image;
        }
    }

    /** {@code UpdateService} started a deployment; its id is what the deployer watches. */
    record DeploymentStarted(Instant time, String deploymentId, String taskDefinitionArn, boolean forced)
            implements EcsDeployEvent {
        public DeploymentStarted {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(deploymentId, "deploymentId");
            Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        }

        @Override
        public String message() {
            return "deployment " + deploymentId + " started with " + taskDefinitionArn
                    + (forced ? " (forced: the revision is unchanged)" : "");
        }
    }

    /** The watched deployment's counts or rollout state changed. */
    record DeploymentProgress(Instant time, String deploymentId, String rolloutState, int desired, int pending,
            int running, int failed) implements EcsDeployEvent {
        public DeploymentProgress {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(deploymentId, "deploymentId");
            rolloutState = Objects.requireNonNullElse(rolloutState, "");
        }

        @Override
        public String message() {
            return "deployment " + deploymentId + (rolloutState.isEmpty() ? "" : " " + rolloutState) + ": "
                    + running + "/" + desired + " running, " + pending + " pending, " + failed + " failed";
        }
    }

    /** A new entry in the service's event log, in ECS's words. */
    record ServiceEventObserved(Instant time, String id, String message) implements EcsDeployEvent {
        public ServiceEventObserved {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A task started by the watched deployment (or its rollback) stopped. */
    record TaskStopped(Instant time, StoppedTask task) implements EcsDeployEvent {
        public TaskStopped {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String message() {
            return task.describe();
        }
    }

    /** Who rolls a deployment back. */
    enum RollbackBy {
        /** ECS's deployment circuit breaker, configured on the service. */
        CIRCUIT_BREAKER,
        /** This deployer, because the caller asked for {@code rollbackOnFailure}. */
        DEPLOYER
    }

    /** A rollback to the previous revision started; the deployer waits for it too. */
    record RollbackStarted(Instant time, RollbackBy by, String deploymentId, String toTaskDefinitionArn,
            String reason) implements EcsDeployEvent {
        public RollbackStarted {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(toTaskDefinitionArn, "toTaskDefinitionArn");
            deploymentId = Objects.requireNonNullElse(deploymentId, "");
            reason = Objects.requireNonNullElse(reason, "");
        }

        @Override
        public String message() {
            return "rollback to " + toTaskDefinitionArn + " by " + by
                    + (deploymentId.isEmpty() ? "" : " (deployment " + deploymentId + ")")
                    + (reason.isEmpty() ? "" : ": " + reason);
        }
    }

    /**
     * The image's platforms could not be read (access denied, registry out of reach), so they were not
     * compared with the service's; the deploy went on, as ECS pulls with its own role.
     */
    record PlatformCheckSkipped(Instant time, String image, String reason) implements EcsDeployEvent {
        public PlatformCheckSkipped {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "platform check skipped for " + image + ", deploying anyway: " + reason;
        }
    }

    /** AWS throttled a call; the deployer waits longer before the next one instead of failing. */
    record Throttled(Instant time, String operation, Duration backoff) implements EcsDeployEvent {
        public Throttled {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(backoff, "backoff");
        }

        @Override
        public String message() {
            return operation + " throttled by AWS; next try in " + backoff.toMillis() + " ms";
        }
    }

    /** An old revision was deregistered by the clean-up that keeps the last K revisions. */
    record RevisionDeregistered(Instant time, String taskDefinitionArn) implements EcsDeployEvent {
        public RevisionDeregistered {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        }

        @Override
        public String message() {
            return "deregistered old revision " + taskDefinitionArn;
        }
    }

    /** {@link EcsServices#up} worked out one change of its plan, before applying any. */
    record ChangePlanned(Instant time, EcsPlan.Change change) implements EcsDeployEvent {
        public ChangePlanned {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String message() {
            return "plan: " + change.describe();
        }
    }

    /** A resource was created, updated or deleted. */
    record ChangeApplied(Instant time, EcsPlan.Change change) implements EcsDeployEvent {
        public ChangeApplied {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String message() {
            String verb = switch (change.action()) {
                case CREATE -> "created";
                case UPDATE -> "updated";
                case DELETE -> "deleted";
                case KEEP -> "kept";
            };
            return verb + " " + change.resource().label() + " " + change.name()
                    + (change.detail().isEmpty() ? "" : " (" + change.detail() + ")");
        }
    }

    /**
     * ECS could not yet assume a role that IAM has just created (IAM is eventually consistent): the
     * call is tried again after {@code retryIn}, a bounded number of times.
     */
    record RoleNotYetUsable(Instant time, String roleArn, String operation, int attempt, Duration retryIn)
            implements EcsDeployEvent {
        public RoleNotYetUsable {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(retryIn, "retryIn");
        }

        @Override
        public String message() {
            return "ECS cannot assume role " + roleArn + " yet (IAM is still propagating it); " + operation
                    + " again in " + retryIn.toSeconds() + " s (attempt " + attempt + ")";
        }
    }

    /** An Express Mode service is deployed, but its URL does not answer the health check path yet. */
    record EndpointNotReady(Instant time, java.net.URI url, int httpStatus) implements EcsDeployEvent {
        public EndpointNotReady {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String message() {
            return "waiting for " + url + " to answer (" + (httpStatus == 0 ? "unreachable" : "HTTP " + httpStatus) + ")";
        }
    }
}
