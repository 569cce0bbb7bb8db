package io.github.ecrtoolkit.ecs.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsAccessDeniedException;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;
import io.github.ecrtoolkit.ecs.EcsUpResult;

/**
 * One {@code up}, as a script: find out what exists, report the plan, then (unless it is a dry
 * run) create or change what differs in order — cluster, execution role, log group, security
 * group, task definition, service — and wait for the service truthfully. Everything it creates is
 * tagged for the service, so a failure half-way leaves nothing {@code down} cannot find.
 */
public final class UpRun {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final String image;
    private final Duration timeout;

    public UpRun(ServiceClients clients, DeploySettings settings, DeployListener listener, EcsServiceSpec spec, String image,
            Duration timeout) {
        this.context = new RunContext(clients, settings, listener, spec.cluster(), spec.name());
        this.spec = spec;
        this.image = ImagePin.pin(image);
        this.timeout = timeout;
    }

    /** Works out the plan and changes nothing. */
    public EcsPlan plan() {
        return inspect().plan;
    }

    public EcsUpResult run() {
        Instant started = context.pacer().now();
        Inspection found = inspect();
        List<EcsPlan.Change> done = new ArrayList<>();
        Verdict verdict;
        String taskDefinition;
        try {
            found.cluster.apply();
            done.add(found.plan.changes().get(0));
            String roleArn = found.role.apply();
            done.add(found.plan.changes().get(1));
            found.logGroup.apply();
            done.add(found.plan.changes().get(2));
            found.network.apply();
            done.add(found.plan.changes().get(3));
            taskDefinition = found.taskDefinition.apply(roleArn);
            done.add(found.plan.changes().get(4));
            verdict = found.service.apply(taskDefinition, roleArn, found.network, started, timeout);
        } catch (EcsAccessDeniedException e) {
            throw new EcsAccessDeniedException(e.awsService().orElse("ECS"), e.cluster(), e.service(), e.operation(),
                    e.awsErrorCode().orElse(null), e.getMessage() + createdSoFar(done), e.getCause());
        } catch (EcsException e) {
            if (e.getClass() != EcsException.class) {
                throw e;
            }
            throw new EcsException(e.reason(), e.awsService().orElse("ECS"), e.cluster(), e.service(),
                    e.awsErrorCode().orElse(null), e.getMessage() + createdSoFar(done), e.getCause());
        }
        List<URI> endpoints = verdict.outcome() == DeployOutcome.SUCCEEDED
                ? Endpoints.of(context, Endpoints.running(context), spec.ports()) : List.of();
        List<DeployEvent> events = List.copyOf(context.events().events());
        return new EcsUpResult(verdict.outcome(), spec.service(), found.plan, taskDefinition, endpoints, verdict.reason(),
                context.stoppedTasks(), events, Duration.between(started, context.pacer().now()));
    }

    private Inspection inspect() {
        Inspection found = new Inspection();
        found.cluster = new ClusterStep(context, spec);
        found.role = new RoleStep(context, spec);
        found.logGroup = new LogGroupStep(context, spec);
        found.network = new NetworkStep(context, spec);
        found.taskDefinition = new TaskDefinitionStep(context, spec, image);
        found.service = new ServiceStep(context, spec);
        List<EcsPlan.Change> changes = new ArrayList<>();
        changes.add(found.cluster.inspect());
        changes.add(found.role.inspect());
        changes.add(found.logGroup.inspect());
        EcsPlan.Change group = found.network.inspect();
        changes.add(group);
        var running = found.service.read(found.cluster.exists());
        EcsPlan.Change revision = found.taskDefinition.inspect(running);
        changes.add(revision);
        changes.add(found.service.plan(revision.action() == Action.CREATE, found.network, group.action() == Action.CREATE));
        found.plan = new EcsPlan(changes);
        changes.forEach(context::planned);
        return found;
    }

    /** Where a failure half-way leaves the account: what was created, and that it is tagged. */
    private String createdSoFar(List<EcsPlan.Change> done) {
        String created = done.stream().filter(c -> c.action() == Action.CREATE)
                .map(c -> c.resource().label() + " " + c.name()).collect(Collectors.joining(", "));
        return created.isEmpty() ? " Nothing had been created." : " Created before the failure, each tagged "
                + Ownership.SERVICE + "=" + spec.cluster() + "/" + spec.name() + ": " + created
                + ". Run up again once fixed (it reuses them), or down to remove them.";
    }

    private static final class Inspection {
        EcsPlan plan;
        ClusterStep cluster;
        RoleStep role;
        LogGroupStep logGroup;
        NetworkStep network;
        TaskDefinitionStep taskDefinition;
        ServiceStep service;
    }
}
