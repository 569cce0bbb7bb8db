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
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;
import io.github.ecrtoolkit.ecs.EcsUpResult;

/**
 * One {@code up}, as a script: check that the image runs on the spec's platform, find out what
 * exists, report the plan, then (unless it is a dry
 * run) create or change what differs in order — cluster, execution role, log group, security
 * group, task definition, service; for Express Mode: cluster, execution role, infrastructure role,
 * log group, Express service — and wait for the service truthfully. Everything it creates is
 * tagged for the service, so a failure half-way leaves nothing {@code down} cannot find.
 */
public final class UpRun {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final String image;
    private final Duration timeout;
    private final UrlProbe probe;

    public UpRun(ServiceClients clients, DeploySettings settings, DeployListener listener, EcsServiceSpec spec, String image,
            Duration timeout, UrlProbe probe) {
        this.context = new RunContext(clients, settings, listener, spec.cluster(), spec.name());
        this.spec = spec;
        this.image = ImagePin.pin(image);
        this.timeout = timeout;
        this.probe = probe;
    }

    /** Works out the plan and changes nothing; an image {@link #run} would refuse is refused here too. */
    public EcsPlan plan() {
        checkPlatform();
        return spec.express() ? inspectExpress().plan : inspect().plan;
    }

    public EcsUpResult run() {
        Instant started = context.pacer().now();
        List<EcsPlan.Change> done = new ArrayList<>();
        checkPlatform();
        try {
            return spec.express() ? runExpress(started, done) : runService(started, done);
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
    }

    /** Whether the image runs on the spec's platform, read before anything else (ECR reads only). */
    private void checkPlatform() {
        PlatformCheck.require(image, context.settings().imagePlatforms(), spec, why -> context.events()
                .emit(new EcsDeployEvent.PlatformCheckSkipped(context.pacer().now(), image, why)));
    }

    private EcsUpResult runService(Instant started, List<EcsPlan.Change> done) {
        Inspection found = inspect();
        found.cluster.apply();
        done.add(found.plan.changes().get(0));
        String roleArn = found.role.apply();
        done.add(found.plan.changes().get(1));
        found.logGroup.apply();
        done.add(found.plan.changes().get(2));
        found.network.apply();
        done.add(found.plan.changes().get(3));
        String taskDefinition = found.taskDefinition.apply(roleArn);
        done.add(found.plan.changes().get(4));
        Verdict verdict = found.service.apply(taskDefinition, roleArn, found.network, started, timeout);
        List<URI> endpoints = verdict.outcome() != DeployOutcome.SUCCEEDED ? List.of()
                : spec.targetGroup().isPresent() ? LoadBalancerStep.endpoints(context, spec.targetGroup().get().arn())
                : Endpoints.of(context, Endpoints.running(context), spec.ports());
        return result(found.plan, taskDefinition, endpoints, verdict, started);
    }

    private EcsUpResult runExpress(Instant started, List<EcsPlan.Change> done) {
        ExpressInspection found = inspectExpress();
        found.cluster.apply();
        done.add(found.plan.changes().get(0));
        String executionRole = found.role.apply();
        done.add(found.plan.changes().get(1));
        String infrastructureRole = found.infrastructureRole.apply();
        done.add(found.plan.changes().get(2));
        found.logGroup.apply();
        done.add(found.plan.changes().get(3));
        Verdict verdict = found.express.apply(executionRole, infrastructureRole, started, timeout);
        List<URI> endpoints = verdict.outcome() == DeployOutcome.SUCCEEDED ? found.express.endpoint().stream().toList() : List.of();
        String taskDefinition = new ServiceReader(context.clients().ecs(), context.ecs(), spec.cluster(), spec.name()).describe()
                .map(s -> s.taskDefinition()).orElse("");
        return result(found.plan, taskDefinition, endpoints, verdict, started);
    }

    private EcsUpResult result(EcsPlan plan, String taskDefinition, List<URI> endpoints, Verdict verdict, Instant started) {
        List<DeployEvent> events = List.copyOf(context.events().events());
        return new EcsUpResult(verdict.outcome(), spec.service(), plan, taskDefinition, endpoints, verdict.reason(),
                context.stoppedTasks(), events, Duration.between(started, context.pacer().now()));
    }

    private Inspection inspect() {
        Inspection found = new Inspection();
        found.cluster = new ClusterStep(context, spec);
        found.role = RoleStep.execution(context, spec);
        found.logGroup = new LogGroupStep(context, spec);
        found.network = new NetworkStep(context, spec);
        found.taskDefinition = new TaskDefinitionStep(context, spec, image);
        found.service = new ServiceStep(context, spec);
        List<EcsPlan.Change> changes = new ArrayList<>();
        changes.add(found.cluster.inspect());
        changes.add(found.role.inspect());
        changes.add(found.logGroup.inspect());
        spec.targetGroup().ifPresent(target -> LoadBalancerStep.check(context, target));   // before anything is created
        EcsPlan.Change group = found.network.inspect();
        changes.add(group);
        var running = found.service.read(found.cluster.exists());
        EcsPlan.Change revision = found.taskDefinition.inspect(running);
        changes.add(revision);
        changes.add(found.service.plan(revision.action() == Action.CREATE, found.network, group.action() == Action.CREATE));
        found.plan = planned(changes);
        return found;
    }

    private ExpressInspection inspectExpress() {
        ExpressInspection found = new ExpressInspection();
        found.cluster = new ClusterStep(context, spec);
        found.role = RoleStep.execution(context, spec);
        found.infrastructureRole = RoleStep.expressInfrastructure(context, spec);
        found.logGroup = new LogGroupStep(context, spec);
        found.express = new ExpressStep(context, spec, image, probe);
        List<EcsPlan.Change> changes = new ArrayList<>();
        changes.add(found.cluster.inspect());
        changes.add(found.role.inspect());
        changes.add(found.infrastructureRole.inspect());
        changes.add(found.logGroup.inspect());
        if (spec.subnets().isEmpty()) {
            NetworkStep.defaultVpc(context, spec);   // Express runs there: say so now, before anything is created
        }
        changes.add(found.express.inspect(found.cluster.exists()));
        found.plan = planned(changes);
        return found;
    }

    private EcsPlan planned(List<EcsPlan.Change> changes) {
        changes.forEach(context::planned);
        return new EcsPlan(changes);
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

    private static final class ExpressInspection {
        EcsPlan plan;
        ClusterStep cluster;
        RoleStep role;
        RoleStep infrastructureRole;
        LogGroupStep logGroup;
        ExpressStep express;
    }
}
