package io.github.ecrtoolkit.ecs.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceInclude;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.IngressPathSummary;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * An Express Mode service: created with {@code CreateExpressGatewayService} or updated with only
 * what differs, then watched through its current service deployment (SUCCESSFUL, rolled back,
 * stopped) and, once deployed, until its HTTPS URL answers the health check path.
 */
final class ExpressStep {

    /** The tag {@code up} adds to an Express Mode service, so that scale and down know how to drive it. */
    static final String EXPRESS_TAG = "ecr-toolkit:express";

    /** Whether {@code up} made {@code service} (described with its tags) an Express Mode service. */
    static boolean isExpress(Service service) {
        return service.tags().stream().anyMatch(t -> EXPRESS_TAG.equals(t.key()));
    }

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final String image;
    private final UrlProbe probe;
    private ECSExpressGatewayService current;
    private Change change;
    /** Whether the change makes a new revision, and so a new deployment (more than the scaling target). */
    private boolean newDeployment;

    ExpressStep(RunContext context, EcsServiceSpec spec, String image, UrlProbe probe) {
        this.context = context;
        this.spec = spec;
        this.image = image;
        this.probe = probe;
    }

    Change inspect(boolean clusterExists) {
        if (clusterExists) {
            Optional<Service> service = new ServiceReader(context.clients().ecs(), context.ecs(), spec.cluster(), spec.name()).describe();
            if (service.isPresent()) {
                current = describe(service.get().serviceArn()).orElseThrow(() -> new EcsException(Reason.CONFLICT, spec.cluster(),
                        spec.name(), null, "service " + spec.name() + " in cluster " + spec.cluster() + " exists and is not an "
                        + "Express Mode service; choose another name, or use EcsServiceSpec.fargate. Nothing was changed.", null));
            }
        }
        if (current == null) {
            change = new Change(Resource.SERVICE, spec.name(), Action.CREATE, "Express Mode: HTTPS load balancer, " + spec.desiredCount()
                    + " task(s), " + spec.cpu() + " cpu, " + spec.memoryMiB() + " MiB, port " + port() + ", health check "
                    + spec.healthCheckPath());
            return change;
        }
        List<String> differences = differences(current.activeConfigurations().isEmpty() ? null : current.activeConfigurations().get(0));
        newDeployment = differences.stream().anyMatch(d -> !d.startsWith("task count "));
        change = differences.isEmpty() ? new Change(Resource.SERVICE, spec.name(), Action.KEEP, "Express Mode")
                : new Change(Resource.SERVICE, spec.name(), Action.UPDATE, "Express Mode: " + String.join(", ", differences));
        return change;
    }

    Verdict apply(String executionRoleArn, String infrastructureRoleArn, Instant started, Duration timeout) {
        RoleRetry roleRetry = new RoleRetry(context);
        // after a change that starts a deployment, the one before it is not the answer (a stale read)
        String previousDeployment = current != null && newDeployment ? current.currentDeployment() : null;
        String serviceArn;
        if (current == null) {
            CreateExpressGatewayServiceRequest.Builder request = CreateExpressGatewayServiceRequest.builder()
                    .serviceName(spec.name()).cluster(spec.cluster()).executionRoleArn(executionRoleArn)
                    .infrastructureRoleArn(infrastructureRoleArn).primaryContainer(container())
                    .cpu(String.valueOf(spec.cpu())).memory(String.valueOf(spec.memoryMiB()))
                    .cpuArchitecture(spec.architecture().name()).healthCheckPath(spec.healthCheckPath())
                    .scalingTarget(t -> t.minTaskCount(spec.desiredCount()).maxTaskCount(spec.desiredCount()))
                    .tags(tags());
            network().ifPresent(request::networkConfiguration);
            serviceArn = roleRetry.call("CreateExpressGatewayService", infrastructureRoleArn, () -> context.ecs()
                    .call("CreateExpressGatewayService", () -> context.clients().ecs().createExpressGatewayService(request.build())))
                    .service().serviceArn();
            context.applied(change);
        } else {
            serviceArn = current.serviceArn();
            if (change.action() == Action.UPDATE) {
                UpdateExpressGatewayServiceRequest.Builder request = UpdateExpressGatewayServiceRequest.builder().serviceArn(serviceArn)
                        .executionRoleArn(executionRoleArn).primaryContainer(container())
                        .cpu(String.valueOf(spec.cpu())).memory(String.valueOf(spec.memoryMiB()))
                        .cpuArchitecture(spec.architecture().name()).healthCheckPath(spec.healthCheckPath())
                        .scalingTarget(t -> t.minTaskCount(spec.desiredCount()).maxTaskCount(spec.desiredCount()));
                network().ifPresent(request::networkConfiguration);
                roleRetry.call("UpdateExpressGatewayService", executionRoleArn, () -> context.ecs().call("UpdateExpressGatewayService",
                        () -> context.clients().ecs().updateExpressGatewayService(request.build())));
                context.applied(change);
            }
        }
        return watch(serviceArn, previousDeployment, started, timeout);
    }

    /** The service's HTTPS URL, once it has one. */
    Optional<URI> endpoint() {
        return Optional.ofNullable(current).flatMap(ExpressStep::endpointOf);
    }

    private Verdict watch(String serviceArn, String previousDeployment, Instant started, Duration timeout) {
        Instant deadline = started.plus(timeout);
        ServiceReader reader = new ServiceReader(context.clients().ecs(), context.ecs(), spec.cluster(), spec.name());
        Tasks tasks = new Tasks(context.clients().ecs(), context.ecs(), spec.cluster());
        String lastStatus = null;
        String lastStopped = null;
        int lastProbe = -1;
        while (true) {
            Instant now = context.pacer().now();
            current = describe(serviceArn).orElseThrow(() -> new EcsException(spec.cluster(), spec.name(),
                    "Express Mode service " + spec.name() + " disappeared during the deployment"));
            Optional<Service> underlying = reader.describe();
            if (underlying.isPresent()) {
                reader.newEvents(underlying.get(), now).forEach(context.events()::emit);
                for (Deployment d : underlying.get().deployments()) {
                    for (var task : tasks.newlyStopped(d.id(), now)) {
                        lastStopped = task.describe();
                        context.events().emit(new EcsDeployEvent.TaskStopped(now, task));
                    }
                }
            }
            Optional<ServiceDeployment> deployment = Optional.ofNullable(current.currentDeployment())
                    .filter(arn -> !arn.equals(previousDeployment)).flatMap(this::deployment);
            String status = deployment.map(ServiceDeployment::statusAsString).orElse("PENDING");
            String reason = deployment.map(ServiceDeployment::statusReason).filter(r -> !r.isBlank()).orElse(null);
            if (!status.equals(lastStatus)) {
                lastStatus = status;
                context.events().emit(new EcsDeployEvent.DeploymentProgress(now, current.currentDeployment() == null ? spec.name()
                        : current.currentDeployment(), status, spec.desiredCount(), 0,
                        underlying.map(s -> Objects.requireNonNullElse(s.runningCount(), 0)).orElse(0), 0));
            }
            String why = Objects.requireNonNullElse(reason, "") + (lastStopped == null ? "" : (reason == null ? "" : "; ") + "last " + lastStopped);
            switch (status) {
                case "ROLLBACK_SUCCESSFUL":
                    return Verdict.of(DeployOutcome.ROLLED_BACK, null, why.isEmpty() ? "the deployment was rolled back" : why, null);
                case "ROLLBACK_FAILED", "STOPPED":
                    return Verdict.of(DeployOutcome.FAILED, null, "deployment " + status + (why.isEmpty() ? "" : ": " + why), null);
                case "SUCCESSFUL": {
                    Optional<URI> url = endpointOf(current).map(u -> u.resolve(spec.healthCheckPath()));
                    int answer = url.map(probe::status).orElse(0);
                    if (answer >= 200 && answer < 400) {
                        return Verdict.of(DeployOutcome.SUCCEEDED, null, null, null);
                    }
                    if (answer != lastProbe && url.isPresent()) {
                        lastProbe = answer;
                        context.events().emit(new EcsDeployEvent.EndpointNotReady(now, url.get(), answer));
                    }
                    break;
                }
                default:
                    break;
            }
            if (!now.isBefore(deadline)) {
                return Verdict.of(DeployOutcome.TIMED_OUT, null, "Express Mode service " + spec.name() + " was " + status
                        + (status.equals("SUCCESSFUL") ? " but its URL did not answer yet (last: " + (lastProbe == 0 ? "unreachable"
                        : "HTTP " + lastProbe) + ")" : "") + " after " + timeout + "; it may still be in progress", null);
            }
            context.pacer().pause(deadline);
        }
    }

    private Optional<ECSExpressGatewayService> describe(String serviceArn) {
        try {
            return Optional.of(context.ecs().call("DescribeExpressGatewayService", () -> context.clients().ecs()
                    .describeExpressGatewayService(r -> r.serviceArn(serviceArn).include(ExpressGatewayServiceInclude.TAGS))).service());
        } catch (EcsException e) {
            if (e.reason() == Reason.NOT_FOUND || e.reason() == Reason.INVALID_INPUT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<ServiceDeployment> deployment(String arn) {
        return context.ecs().call("DescribeServiceDeployments", () -> context.clients().ecs()
                .describeServiceDeployments(r -> r.serviceDeploymentArns(arn))).serviceDeployments().stream().findFirst();
    }

    static Optional<URI> endpointOf(ECSExpressGatewayService service) {
        return service.activeConfigurations().stream().flatMap(c -> c.ingressPaths().stream())
                .filter(p -> "PUBLIC".equals(p.accessTypeAsString())).map(IngressPathSummary::endpoint).filter(Objects::nonNull)
                .findFirst().map(host -> URI.create(host.startsWith("http") ? host : "https://" + host));
    }

    private List<String> differences(ExpressGatewayServiceConfiguration now) {
        List<String> out = new ArrayList<>();
        if (now == null) {
            out.add("no active configuration");
            return out;
        }
        ExpressGatewayContainer c = now.primaryContainer();
        differ(out, "image", c == null ? "" : c.image(), image);
        differ(out, "port", c == null || c.containerPort() == null ? 80 : c.containerPort(), port());
        Map<String, String> environment = new TreeMap<>();
        if (c != null) {
            c.environment().forEach(pair -> environment.put(pair.name(), pair.value()));
        }
        if (!environment.equals(new TreeMap<>(spec.environment()))) {
            out.add("environment " + environment.keySet() + " -> " + new TreeMap<>(spec.environment()).keySet());
        }
        differ(out, "cpu", now.cpu(), String.valueOf(spec.cpu()));
        differ(out, "memory", now.memory(), String.valueOf(spec.memoryMiB()));
        differ(out, "architecture", Objects.requireNonNullElse(now.cpuArchitectureAsString(), "X86_64"), spec.architecture().name());
        differ(out, "health check", now.healthCheckPath(), spec.healthCheckPath());
        differ(out, "task count", now.scalingTarget() == null ? null : now.scalingTarget().minTaskCount(), spec.desiredCount());
        String role = Objects.requireNonNullElse(now.executionRoleArn(), "");
        differ(out, "execution role", role.substring(role.lastIndexOf('/') + 1), spec.executionRoleName());
        return out;
    }

    private static void differ(List<String> out, String what, Object now, Object wanted) {
        if (!Objects.equals(now, wanted)) {
            out.add(what + " " + now + " -> " + wanted);
        }
    }

    private int port() {
        return spec.ports().isEmpty() ? 80 : spec.ports().get(0);
    }

    private ExpressGatewayContainer container() {
        return ExpressGatewayContainer.builder().image(image).containerPort(port())
                .environment(new TreeMap<>(spec.environment()).entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .awsLogsConfiguration(l -> l.logGroup(spec.logGroup()).logStreamPrefix(spec.name())).build();
    }

    private Optional<ExpressGatewayServiceNetworkConfiguration> network() {
        if (spec.subnets().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ExpressGatewayServiceNetworkConfiguration.builder().subnets(spec.subnets())
                .securityGroups(spec.securityGroups()).build());
    }

    private List<software.amazon.awssdk.services.ecs.model.Tag> tags() {
        List<software.amazon.awssdk.services.ecs.model.Tag> tags = new ArrayList<>(Ownership.ecsTags(spec.cluster(), spec.name()));
        tags.add(software.amazon.awssdk.services.ecs.model.Tag.builder().key(EXPRESS_TAG).value("true").build());
        return tags;
    }
}
