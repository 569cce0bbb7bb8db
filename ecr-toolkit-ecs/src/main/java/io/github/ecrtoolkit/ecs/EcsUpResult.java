package io.github.ecrtoolkit.ecs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;

/**
 * The truthful end of {@link EcsServices#up}: how it ended, what it changed, and how to reach the
 * service.
 *
 * <pre>{@code
 * EcsUpResult up = ecs.up(orders, pushed.imageUri());
 * if (up.outcome() == DeployOutcome.SUCCEEDED) {
 *     up.endpoints().forEach(uri -> log.info("serving at {}", uri));   // http://203.0.113.7:8080
 * } else {
 *     log.error("{}: {}", up.outcome(), up.reason().orElse(""));
 * }
 * }</pre>
 *
 * @param outcome SUCCEEDED only when every desired task runs the asked revision
 * @param service the service
 * @param plan what was found and done, one change per resource
 * @param taskDefinition the revision the service was asked to run
 * @param endpoints how to reach it: {@code http://<task public IP>:<port>} per running task and port
 *        (private IPs when tasks have no public one), or an Express Mode service's HTTPS URL; empty
 *        unless it succeeded
 * @param reason why it did not succeed, in ECS's words where it gave them
 * @param stoppedTasks tasks that stopped on the way, with their reasons
 * @param events everything observed on the way, oldest first
 * @param elapsed from the first call to the result
 */
public record EcsUpResult(DeployOutcome outcome, EcsService service, EcsPlan plan, String taskDefinition,
        List<URI> endpoints, Optional<String> reason, List<StoppedTask> stoppedTasks, List<DeployEvent> events,
        Duration elapsed) {

    public EcsUpResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(reason, "reason");
        stoppedTasks = List.copyOf(stoppedTasks);
        events = List.copyOf(events);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether {@code up} changed anything; false when the account already matched the spec. */
    public boolean changed() {
        return plan.hasChanges();
    }
}
