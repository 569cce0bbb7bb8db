package io.github.ecrtoolkit.ecs;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;

/**
 * The end of {@link EcsServices#scale}: SUCCEEDED once as many tasks run as asked; FAILED when
 * new tasks fail to start (their stopped reasons say why), never a silent success.
 *
 * @param outcome how it ended
 * @param service the service
 * @param desiredCount the count asked
 * @param runningCount tasks running when it returned
 * @param reason why it did not succeed
 * @param stoppedTasks tasks that stopped while it waited
 * @param endpoints how to reach the running tasks
 * @param events everything observed, oldest first
 */
public record EcsScaleResult(DeployOutcome outcome, EcsService service, int desiredCount, int runningCount,
        Optional<String> reason, List<StoppedTask> stoppedTasks, List<URI> endpoints, List<DeployEvent> events) {

    public EcsScaleResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(reason, "reason");
        stoppedTasks = List.copyOf(stoppedTasks);
        endpoints = List.copyOf(endpoints);
        events = List.copyOf(events);
    }
}
