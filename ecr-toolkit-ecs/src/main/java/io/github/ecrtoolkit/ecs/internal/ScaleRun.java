package io.github.ecrtoolkit.ecs.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import software.amazon.awssdk.services.ecs.model.Service;

import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.EcsScaleResult;
import io.github.ecrtoolkit.ecs.EcsService;

/** One scale: set the desired count, then wait until it is met or new tasks fail. */
public final class ScaleRun {

    private final RunContext context;
    private final EcsService target;
    private final int desiredCount;
    private final Duration timeout;

    public ScaleRun(ServiceClients clients, DeploySettings settings, DeployListener listener, EcsService target, int desiredCount,
            Duration timeout) {
        this.context = new RunContext(clients, settings, listener, target.cluster(), target.service());
        this.target = target;
        this.desiredCount = desiredCount;
        this.timeout = timeout;
    }

    public EcsScaleResult run() {
        Instant started = context.pacer().now();
        ServiceReader reader = new ServiceReader(context.clients().ecs(), context.ecs(), target.cluster(), target.service());
        reader.describeForDeploy();   // exists, deployed by ECS, and its event log so far
        Service current = reader.describeWithTags().orElseThrow();
        ScaleWatcher watcher = new ScaleWatcher(context, reader).before(current);
        if (current.desiredCount() != desiredCount) {
            if (ExpressStep.isExpress(current)) {
                // its auto scaling owns the count: move the scaling target, not the desired count
                context.ecs().call("UpdateExpressGatewayService", () -> context.clients().ecs().updateExpressGatewayService(r -> r
                        .serviceArn(current.serviceArn()).scalingTarget(t -> t.minTaskCount(desiredCount).maxTaskCount(desiredCount))));
            } else {
                context.ecs().call("UpdateService", () -> context.clients().ecs().updateService(r -> r.cluster(target.cluster())
                        .service(target.service()).desiredCount(desiredCount)));
            }
            context.applied(new EcsPlan.Change(EcsPlan.Resource.SERVICE, target.service(), EcsPlan.Action.UPDATE,
                    "desired count " + current.desiredCount() + " -> " + desiredCount));
        }
        Verdict verdict = watcher.watch(started, timeout);
        List<software.amazon.awssdk.services.ecs.model.Task> running = Endpoints.running(context);
        List<URI> endpoints = verdict.outcome() == DeployOutcome.SUCCEEDED ? Endpoints.ofService(context, current, running) : List.of();
        return new EcsScaleResult(verdict.outcome(), target, desiredCount,
                (int) running.stream().filter(t -> "RUNNING".equals(t.lastStatus())).count(), verdict.reason(),
                context.stoppedTasks(),
                endpoints, List.copyOf(context.events().events()));
    }
}
