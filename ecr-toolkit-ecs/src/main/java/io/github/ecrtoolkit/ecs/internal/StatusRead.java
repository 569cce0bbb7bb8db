package io.github.ecrtoolkit.ecs.internal;

import java.util.Objects;

import software.amazon.awssdk.services.ecs.model.Service;

import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsServiceNotFoundException;
import io.github.ecrtoolkit.ecs.EcsServiceStatus;

/** Reads a service as it is now: counts, deployments, tasks, endpoints. Changes nothing. */
public final class StatusRead {

    private final RunContext context;
    private final EcsService target;

    public StatusRead(ServiceClients clients, DeploySettings settings, EcsService target) {
        this.context = new RunContext(clients, settings, DeployListener.NONE, target.cluster(), target.service());
        this.target = target;
    }

    public EcsServiceStatus read() {
        Service service = new ServiceReader(context.clients().ecs(), context.ecs(), target.cluster(), target.service()).describeWithTags()
                .orElseThrow(() -> new EcsServiceNotFoundException(target.cluster(), target.service(), "service "
                        + target.service() + " was not found in cluster " + target.cluster() + " (or it is not ACTIVE). "
                        + "Check the names and the region."));
        var tasks = Endpoints.running(context);
        var deployments = service.deployments().stream().map(d -> new EcsServiceStatus.Deployment(d.id(), d.status(),
                d.taskDefinition(), Objects.requireNonNullElse(d.rolloutStateAsString(), ""), orZero(d.desiredCount()),
                orZero(d.runningCount()), orZero(d.failedTasks()))).toList();
        return new EcsServiceStatus(target, service.status(), service.taskDefinition(), orZero(service.desiredCount()),
                orZero(service.runningCount()), orZero(service.pendingCount()), deployments,
                tasks.stream().map(t -> new EcsServiceStatus.Task(t.taskArn(), t.lastStatus(), t.taskDefinitionArn())).toList(),
                Endpoints.ofService(context, service, tasks));
    }

    private static int orZero(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
