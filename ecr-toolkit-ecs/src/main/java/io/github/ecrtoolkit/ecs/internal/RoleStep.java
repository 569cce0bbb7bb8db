package io.github.ecrtoolkit.ecs.internal;

import java.util.Optional;

import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * A role ECS needs: used when it exists, else created, trusted by the service that assumes it, with
 * AWS's managed policy for the job — the task execution role (pull from ECR, write to CloudWatch
 * Logs) or an Express Mode service's infrastructure role (load balancer, security groups, scaling).
 */
final class RoleStep {

    static final String EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    static final String EXPRESS_INFRASTRUCTURE_POLICY =
            "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices";

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final Resource resource;
    private final String name;
    private final String principal;
    private final String policyArn;
    private Change change;
    private String arn;

    private RoleStep(RunContext context, EcsServiceSpec spec, Resource resource, String name, String principal, String policyArn) {
        this.context = context;
        this.spec = spec;
        this.resource = resource;
        this.name = name;
        this.principal = principal;
        this.policyArn = policyArn;
    }

    static RoleStep execution(RunContext context, EcsServiceSpec spec) {
        return new RoleStep(context, spec, Resource.EXECUTION_ROLE, spec.executionRoleName(), "ecs-tasks.amazonaws.com",
                EXECUTION_POLICY);
    }

    static RoleStep expressInfrastructure(RunContext context, EcsServiceSpec spec) {
        return new RoleStep(context, spec, Resource.INFRASTRUCTURE_ROLE, spec.infrastructureRoleName(), "ecs.amazonaws.com",
                EXPRESS_INFRASTRUCTURE_POLICY);
    }

    Change inspect() {
        Optional<Role> role = find(context, name);
        arn = role.map(Role::arn).orElse(null);
        change = role.isPresent() ? new Change(resource, name, Action.KEEP, "")
                : new Change(resource, name, Action.CREATE, "trusted by " + principal + ", with "
                        + policyArn.substring(policyArn.lastIndexOf('/') + 1));
        return change;
    }

    String apply() {
        if (change.action() == Action.CREATE) {
            var tags = Ownership.tags(spec.cluster(), spec.name()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"Service\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
            arn = context.iam().call("CreateRole", () -> context.clients().iam().createRole(r -> r
                    .roleName(name).assumeRolePolicyDocument(trust).tags(tags)
                    .description(resource.label() + " for ECS, created by ecr-toolkit"))).role().arn();
            context.iam().call("AttachRolePolicy", () -> context.clients().iam().attachRolePolicy(r -> r
                    .roleName(name).policyArn(policyArn)));
            context.applied(change);
        }
        return arn;
    }

    static Optional<Role> find(RunContext context, String name) {
        try {
            return Optional.of(context.iam().call("GetRole", () -> context.clients().iam().getRole(r -> r.roleName(name))).role());
        } catch (EcsException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
