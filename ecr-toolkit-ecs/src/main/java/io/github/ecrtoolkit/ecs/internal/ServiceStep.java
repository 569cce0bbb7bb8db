package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.ecs.EcsCapacity;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceNotFoundException;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * The service: created with the deployment circuit breaker (and its rollback) on, or updated with
 * only what differs. A new deployment is watched by its id with the deployer's
 * {@link DeploymentWatcher} (rollback included); a change of count alone, or no change, is
 * watched by {@link ScaleWatcher} until the count is met. A target group in the spec is the
 * service's {@code loadBalancers}; another one on an existing service is replaced through
 * UpdateService, which starts a new deployment.
 */
final class ServiceStep {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private Service current;
    private ServiceReader reader;
    private Change change;
    private boolean countChanged;
    private boolean capacityChanged;
    private boolean networkChanged;
    private boolean loadBalancerChanged;
    private boolean graceChanged;

    ServiceStep(RunContext context, EcsServiceSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    /** Reads the service when the cluster exists; the revision it runs, if it exists. */
    Optional<String> read(boolean clusterExists) {
        reader = new ServiceReader(context.clients().ecs(), context.ecs(), spec.cluster(), spec.name());
        if (clusterExists) {
            try {
                current = reader.describeForDeploy();
            } catch (EcsServiceNotFoundException e) {
                current = null;
            }
        }
        return Optional.ofNullable(current).map(Service::taskDefinition);
    }

    /**
     * @param newRevision whether a new task definition revision will be registered
     * @param network where tasks run; its security group may still be to be created
     * @param groupCreated whether that security group is to be created (so it differs from the current one)
     */
    Change plan(boolean newRevision, NetworkStep network, boolean groupCreated) {
        if (current == null) {
            change = new Change(Resource.SERVICE, spec.name(), Action.CREATE, spec.desiredCount() + " task(s) on "
                    + spec.capacity() + (spec.assignPublicIp() ? ", public IP" : "")
                    + (spec.targetGroup().isPresent() ? ", behind a load balancer" : ""));
            return change;
        }
        List<String> differences = new ArrayList<>();
        if (newRevision) {
            differences.add("new task definition revision");
        }
        if (current.desiredCount() != spec.desiredCount()) {
            countChanged = true;
            differences.add("desired count " + current.desiredCount() + " -> " + spec.desiredCount());
        }
        EcsCapacity now = capacity(current);
        if (now != spec.capacity()) {
            if (now == EcsCapacity.EC2 || spec.capacity() == EcsCapacity.EC2) {
                throw new EcsException(Reason.UNSUPPORTED, spec.cluster(), spec.name(), null, "service " + spec.name()
                        + " runs on " + now + "; it cannot move to " + spec.capacity() + " in place. Bring it down and up "
                        + "again, or keep its capacity. Nothing was changed.", null);
            }
            capacityChanged = true;
            differences.add("capacity " + now + " -> " + spec.capacity());
        }
        AwsVpcConfiguration vpc = current.networkConfiguration() == null ? null : current.networkConfiguration().awsvpcConfiguration();
        if (vpc == null || groupCreated || !new HashSet<>(vpc.subnets()).equals(new HashSet<>(network.subnets()))
                || !new HashSet<>(vpc.securityGroups()).equals(new HashSet<>(network.securityGroups()))
                || (vpc.assignPublicIp() == AssignPublicIp.ENABLED) != spec.assignPublicIp()) {
            networkChanged = true;
            differences.add("network configuration");
        }
        if (!new HashSet<>(current.loadBalancers()).equals(new HashSet<>(loadBalancers()))) {
            loadBalancerChanged = true;
            differences.add(spec.targetGroup().isPresent() ? "target group" : "no load balancer");
        }
        Optional<Integer> grace = graceSeconds();
        if (grace.isPresent() && !grace.get().equals(current.healthCheckGracePeriodSeconds())) {
            graceChanged = true;
            differences.add("health-check grace period " + grace.get() + " s");
        }
        change = differences.isEmpty() ? new Change(Resource.SERVICE, spec.name(), Action.KEEP, "")
                : new Change(Resource.SERVICE, spec.name(), Action.UPDATE, String.join(", ", differences));
        return change;
    }

    /** Creates or updates the service and waits for the result. */
    Verdict apply(String taskDefinition, String executionRoleArn, NetworkStep network, Instant started, Duration timeout) {
        RoleRetry roleRetry = new RoleRetry(context);
        AwsVpcConfiguration vpc = AwsVpcConfiguration.builder().subnets(network.subnets()).securityGroups(network.securityGroups())
                .assignPublicIp(spec.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED).build();
        if (current == null) {
            CreateServiceRequest.Builder request = CreateServiceRequest.builder().cluster(spec.cluster()).serviceName(spec.name())
                    .taskDefinition(taskDefinition).desiredCount(spec.desiredCount())
                    .networkConfiguration(n -> n.awsvpcConfiguration(vpc))
                    .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))
                            .maximumPercent(200).minimumHealthyPercent(100))
                    .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)
                    .tags(Ownership.ecsTags(spec.cluster(), spec.name()));
            if (spec.targetGroup().isPresent()) {
                request.loadBalancers(loadBalancers());
            }
            graceSeconds().ifPresent(request::healthCheckGracePeriodSeconds);
            if (spec.capacity() == EcsCapacity.FARGATE_SPOT) {
                request.capacityProviderStrategy(strategy(spec.capacity()));
            } else {
                request.launchType(spec.capacity() == EcsCapacity.EC2 ? LaunchType.EC2 : LaunchType.FARGATE);
            }
            Service created = roleRetry.call("CreateService", executionRoleArn, () -> context.ecs().call("CreateService",
                    () -> context.clients().ecs().createService(request.build()))).service();
            context.applied(change);
            String deploymentId = DeploymentWatcher.primary(created).map(Deployment::id).orElseThrow(() -> new EcsException(
                    spec.cluster(), spec.name(), "CreateService returned no PRIMARY deployment; check service " + spec.name()));
            context.events().emit(new EcsDeployEvent.DeploymentStarted(context.pacer().now(), deploymentId, taskDefinition, false));
            return deploymentWatcher(taskDefinition, taskDefinition).watch(deploymentId, null, started, timeout);
        }
        if (change.action() == Action.KEEP) {
            return new ScaleWatcher(context, reader).before(current).watch(started, timeout);
        }
        String previousPrimary = DeploymentWatcher.primary(current).map(Deployment::id).orElse("");
        boolean newRevision = !taskDefinition.equals(current.taskDefinition());
        UpdateServiceRequest.Builder request = UpdateServiceRequest.builder().cluster(spec.cluster()).service(spec.name());
        if (newRevision) {
            request.taskDefinition(taskDefinition);
        }
        if (countChanged) {
            request.desiredCount(spec.desiredCount());
        }
        if (capacityChanged) {
            request.capacityProviderStrategy(strategy(spec.capacity()));
        }
        if (networkChanged) {
            request.networkConfiguration(n -> n.awsvpcConfiguration(vpc));
        }
        if (loadBalancerChanged) {
            request.loadBalancers(loadBalancers());   // empty detaches the old target group
        }
        if (graceChanged) {
            request.healthCheckGracePeriodSeconds(graceSeconds().orElseThrow());
        }
        request.forceNewDeployment(!newRevision && (capacityChanged || networkChanged));
        ScaleWatcher scaleWatcher = newRevision || capacityChanged || networkChanged || loadBalancerChanged ? null
                : new ScaleWatcher(context, reader).before(current);
        Service updated = roleRetry.call("UpdateService", executionRoleArn, () -> context.ecs().call("UpdateService",
                () -> context.clients().ecs().updateService(request.build()))).service();
        context.applied(change);
        Optional<String> newPrimary = DeploymentWatcher.primary(updated).map(Deployment::id);
        if (newPrimary.isPresent() && !newPrimary.get().equals(previousPrimary)) {
            context.events().emit(new EcsDeployEvent.DeploymentStarted(context.pacer().now(), newPrimary.get(), taskDefinition,
                    !newRevision));
            return deploymentWatcher(current.taskDefinition(), taskDefinition).watch(newPrimary.get(), previousPrimary, started, timeout);
        }
        return (scaleWatcher != null ? scaleWatcher : new ScaleWatcher(context, reader).before(current)).watch(started, timeout);
    }

    /** ECS's {@code healthCheckGracePeriodSeconds}: only for a service behind a load balancer. */
    private Optional<Integer> graceSeconds() {
        return spec.healthCheckGracePeriod().map(period -> (int) period.getSeconds());
    }

    private List<LoadBalancer> loadBalancers() {
        return spec.targetGroup().map(group -> List.of(LoadBalancerStep.entry(spec.name(), group))).orElse(List.of());
    }

    private DeploymentWatcher deploymentWatcher(String previous, String next) {
        Tasks tasks = new Tasks(context.clients().ecs(), context.ecs(), spec.cluster());
        return new DeploymentWatcher(context.clients().ecs(), context.ecs(), reader, tasks, context.pacer(), context.events(),
                context.settings(), spec.cluster(), spec.name(), previous, next, false);
    }

    static EcsCapacity capacity(Service service) {
        if (!service.capacityProviderStrategy().isEmpty()) {
            return service.capacityProviderStrategy().stream().anyMatch(i -> "FARGATE_SPOT".equals(i.capacityProvider()))
                    ? EcsCapacity.FARGATE_SPOT : EcsCapacity.FARGATE;
        }
        return service.launchType() == LaunchType.EC2 ? EcsCapacity.EC2 : EcsCapacity.FARGATE;
    }

    private static CapacityProviderStrategyItem strategy(EcsCapacity capacity) {
        return CapacityProviderStrategyItem.builder().capacityProvider(capacity == EcsCapacity.FARGATE_SPOT ? "FARGATE_SPOT" : "FARGATE")
                .weight(1).build();
    }
}
