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
 * The task execution role: used when it exists, else created, trusted by ECS tasks, with AWS's
 * managed policy to pull from ECR and write to CloudWatch Logs.
 */
final class RoleStep {

    static final String POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final RunContext context;
    private final EcsServiceSpec spec;
    private Change change;
    private String arn;

    RoleStep(RunContext context, EcsServiceSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    Change inspect() {
        Optional<Role> role = find(context, spec.executionRoleName());
        arn = role.map(Role::arn).orElse(null);
        change = role.isPresent() ? new Change(Resource.EXECUTION_ROLE, spec.executionRoleName(), Action.KEEP, "")
                : new Change(Resource.EXECUTION_ROLE, spec.executionRoleName(), Action.CREATE,
                        "trusted by ecs-tasks.amazonaws.com, with AmazonECSTaskExecutionRolePolicy");
        return change;
    }

    /** The role's ARN; known once it exists. */
    Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    String apply() {
        if (change.action() == Action.CREATE) {
            var tags = Ownership.tags(spec.cluster(), spec.name()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            arn = context.iam().call("CreateRole", () -> context.clients().iam().createRole(r -> r
                    .roleName(spec.executionRoleName()).assumeRolePolicyDocument(TRUST).tags(tags)
                    .description("ECS task execution role, created by ecr-toolkit"))).role().arn();
            context.iam().call("AttachRolePolicy", () -> context.clients().iam().attachRolePolicy(r -> r
                    .roleName(spec.executionRoleName()).policyArn(POLICY)));
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
