package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.ecs.EcsDownOptions;
import io.github.ecrtoolkit.ecs.EcsDownResult;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * One {@code down}: scale to zero, delete the service and wait until it is gone, deregister its
 * revisions, delete its security group and log group — each only when it carries the tag
 * {@code up} set for this service. The cluster and the execution role are shared, so they are
 * kept unless the caller asks, and even then only when {@code up} created them.
 */
public final class DownRun {

    private static final int GROUP_DELETE_TRIES = 10;

    private final RunContext context;
    private final EcsService target;
    private final EcsDownOptions options;
    private final Duration timeout;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> infrastructureRoles = new LinkedHashSet<>();

    public DownRun(ServiceClients clients, DeploySettings settings, DeployListener listener, EcsService target,
            EcsDownOptions options, Duration timeout) {
        this.context = new RunContext(clients, settings, listener, target.cluster(), target.service());
        this.target = target;
        this.options = options;
        this.timeout = timeout;
    }

    public EcsDownResult run() {
        Optional<Cluster> cluster = ClusterStep.describe(context, target.cluster());
        if (cluster.isPresent()) {
            removeService();
        }
        deregisterRevisions();
        deleteSecurityGroups();
        deleteLogGroup();
        cluster.ifPresent(this::clusterTail);
        executionRoles();
        return new EcsDownResult(target, changes);
    }

    private void removeService() {
        ServiceReader reader = new ServiceReader(context.clients().ecs(), context.ecs(), target.cluster(), target.service());
        Optional<Service> found = reader.describeWithTags();
        if (found.isEmpty()) {
            changes.add(new Change(Resource.SERVICE, target.service(), Action.KEEP, "not found"));
            return;
        }
        Service service = found.get();
        Map<String, String> tags = Ownership.ofEcs(service.tags());
        if (!Ownership.createdFor(tags, target.cluster(), target.service())) {
            throw new EcsException(Reason.CONFLICT, target.cluster(), target.service(), null, "service " + target.service()
                    + " in cluster " + target.cluster() + " was not created by ecr-toolkit (it has no tag " + Ownership.SERVICE
                    + "=" + target.cluster() + "/" + target.service() + "); down removes only what up created. Nothing was "
                    + "changed; delete it yourself if you mean to.", null);
        }
        if (tags.containsKey(ExpressStep.EXPRESS_TAG)) {
            // ECS removes the load balancer, target groups and security groups it made for the service
            var express = context.ecs().call("DeleteExpressGatewayService", () -> context.clients().ecs()
                    .deleteExpressGatewayService(r -> r.serviceArn(service.serviceArn()))).service();
            infrastructureRoleOf(express.infrastructureRoleArn());
            waitUntilGone();
            deleted(new Change(Resource.SERVICE, target.service(), Action.DELETE, "Express Mode, with its load balancer"));
            return;
        }
        if (service.desiredCount() != null && service.desiredCount() > 0) {
            context.ecs().call("UpdateService", () -> context.clients().ecs().updateService(r -> r.cluster(target.cluster())
                    .service(target.service()).desiredCount(0)));
        }
        context.ecs().call("DeleteService", () -> context.clients().ecs().deleteService(r -> r.cluster(target.cluster())
                .service(target.service())));
        waitUntilGone();
        deleted(new Change(Resource.SERVICE, target.service(), Action.DELETE, "scaled to 0 and deleted"));
    }

    private void waitUntilGone() {
        Instant deadline = context.pacer().now().plus(timeout);
        while (true) {
            Optional<Service> service = context.ecs().call("DescribeServices", () -> context.clients().ecs().describeServices(r -> r
                    .cluster(target.cluster()).services(target.service()))).services().stream().findFirst();
            if (service.isEmpty() || "INACTIVE".equals(service.get().status())) {
                return;
            }
            if (!context.pacer().now().isBefore(deadline)) {
                throw new EcsException(Reason.UNAVAILABLE, target.cluster(), target.service(), null, "service "
                        + target.service() + " was still " + service.get().status() + " after " + timeout + " (its tasks are "
                        + "stopping); run down again later to remove the rest", null);
            }
            context.pacer().pause(deadline);
        }
    }

    private void deregisterRevisions() {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTaskDefinitionsResponse page = context.ecs().call("ListTaskDefinitions", () -> context.clients().ecs()
                    .listTaskDefinitions(r -> r.familyPrefix(target.service()).status(TaskDefinitionStatus.ACTIVE).nextToken(next)));
            page.taskDefinitionArns().stream().filter(arn -> RevisionCleaner.family(arn).equals(target.service())).forEach(arns::add);
            token = page.nextToken();
        } while (token != null);
        for (String arn : arns) {
            var described = context.ecs().call("DescribeTaskDefinition", () -> context.clients().ecs().describeTaskDefinition(r -> r
                    .taskDefinition(arn).include(TaskDefinitionField.TAGS)));
            if (Ownership.createdFor(Ownership.ofEcs(described.tags()), target.cluster(), target.service())) {
                roleOf(described.taskDefinition().executionRoleArn());
                context.ecs().call("DeregisterTaskDefinition", () -> context.clients().ecs().deregisterTaskDefinition(r -> r
                        .taskDefinition(arn)));
                deleted(new Change(Resource.TASK_DEFINITION, TaskDefinitionStep.shortName(arn), Action.DELETE, "deregistered"));
            } else {
                changes.add(new Change(Resource.TASK_DEFINITION, TaskDefinitionStep.shortName(arn), Action.KEEP,
                        "not created by ecr-toolkit for this service"));
            }
        }
    }

    private void deleteSecurityGroups() {
        var groups = context.ec2().call("DescribeSecurityGroups", () -> context.clients().ec2().describeSecurityGroups(r -> r
                .filters(NetworkStep.filter("tag:" + Ownership.SERVICE, target.cluster() + "/" + target.service()))))
                .securityGroups();
        for (var group : groups) {
            for (int attempt = 1; ; attempt++) {
                try {
                    context.ec2().call("DeleteSecurityGroup", () -> context.clients().ec2().deleteSecurityGroup(r -> r.groupId(group.groupId())));
                    break;
                } catch (EcsException e) {
                    // the network interfaces of stopped tasks take a while to go away
                    if (attempt >= GROUP_DELETE_TRIES || !e.awsErrorCode().filter("DependencyViolation"::equals).isPresent()) {
                        throw e;
                    }
                    context.pacer().pause(context.pacer().now().plus(Duration.ofMinutes(1)));
                }
            }
            deleted(new Change(Resource.SECURITY_GROUP, group.groupName(), Action.DELETE, group.groupId()));
        }
    }

    private void deleteLogGroup() {
        String name = "/ecs/" + target.service();
        Optional<LogGroup> group = LogGroupStep.find(context, name);
        if (group.isEmpty()) {
            return;
        }
        String arn = group.get().logGroupArn() != null ? group.get().logGroupArn() : group.get().arn().replaceAll(":\\*$", "");
        Map<String, String> tags = context.logs().call("ListTagsForResource", () -> context.clients().logs()
                .listTagsForResource(r -> r.resourceArn(arn))).tags();
        if (!Ownership.createdFor(tags, target.cluster(), target.service())) {
            changes.add(new Change(Resource.LOG_GROUP, name, Action.KEEP, "not created by ecr-toolkit for this service"));
        } else if (options.keepLogs()) {
            changes.add(new Change(Resource.LOG_GROUP, name, Action.KEEP, "kept as asked"));
        } else {
            context.logs().call("DeleteLogGroup", () -> context.clients().logs().deleteLogGroup(r -> r.logGroupName(name)));
            deleted(new Change(Resource.LOG_GROUP, name, Action.DELETE, "with its logs"));
        }
    }

    private void clusterTail(Cluster cluster) {
        if (!options.deleteCluster()) {
            changes.add(new Change(Resource.CLUSTER, cluster.clusterName(), Action.KEEP, "shared; ask deleteCluster to remove it"));
            return;
        }
        if (!Ownership.created(Ownership.ofEcs(cluster.tags()))) {
            changes.add(new Change(Resource.CLUSTER, cluster.clusterName(), Action.KEEP, "not created by ecr-toolkit"));
            return;
        }
        List<String> others = context.ecs().call("ListServices", () -> context.clients().ecs().listServices(r -> r
                .cluster(target.cluster()))).serviceArns();
        if (!others.isEmpty()) {
            changes.add(new Change(Resource.CLUSTER, cluster.clusterName(), Action.KEEP, "still runs " + others.size() + " service(s)"));
            return;
        }
        context.ecs().call("DeleteCluster", () -> context.clients().ecs().deleteCluster(r -> r.cluster(target.cluster())));
        deleted(new Change(Resource.CLUSTER, cluster.clusterName(), Action.DELETE, ""));
    }

    private void executionRoles() {
        if (roles.isEmpty()) {
            roles.add(EcsServiceSpec.DEFAULT_EXECUTION_ROLE);
        }
        for (String name : roles) {
            Optional<Role> role = RoleStep.find(context, name);
            if (role.isEmpty()) {
                continue;
            }
            if (!options.deleteExecutionRole()) {
                changes.add(new Change(resourceOf(name), name, Action.KEEP, "shared; ask deleteExecutionRole to remove it"));
                continue;
            }
            Map<String, String> tags = role.get().tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
            if (!Ownership.created(tags)) {
                changes.add(new Change(resourceOf(name), name, Action.KEEP, "not created by ecr-toolkit"));
                continue;
            }
            for (AttachedPolicy policy : context.iam().call("ListAttachedRolePolicies", () -> context.clients().iam()
                    .listAttachedRolePolicies(r -> r.roleName(name))).attachedPolicies()) {
                context.iam().call("DetachRolePolicy", () -> context.clients().iam().detachRolePolicy(r -> r.roleName(name)
                        .policyArn(policy.policyArn())));
            }
            context.iam().call("DeleteRole", () -> context.clients().iam().deleteRole(r -> r.roleName(name)));
            deleted(new Change(resourceOf(name), name, Action.DELETE, ""));
        }
    }

    private Resource resourceOf(String roleName) {
        return infrastructureRoles.contains(roleName) ? Resource.INFRASTRUCTURE_ROLE : Resource.EXECUTION_ROLE;
    }

    private void roleOf(String roleArn) {
        if (roleArn != null && roleArn.contains(":role/")) {
            roles.add(roleArn.substring(roleArn.lastIndexOf('/') + 1));
        }
    }

    private void infrastructureRoleOf(String roleArn) {
        roleOf(roleArn);
        if (roleArn != null) {
            infrastructureRoles.add(roleArn.substring(roleArn.lastIndexOf('/') + 1));
        }
    }

    private void deleted(Change change) {
        changes.add(change);
        context.applied(change);
    }
}
