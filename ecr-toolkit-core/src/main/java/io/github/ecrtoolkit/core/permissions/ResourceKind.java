package io.github.ecrtoolkit.core.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The kind of resource an IAM action applies to, and how its ARNs follow from a
 * {@link PermissionScope}. Actions that AWS lets no policy narrow (such as
 * {@code ecr:GetAuthorizationToken} or the EC2 {@code Describe*} calls) use {@link #ANY}.
 */
public enum ResourceKind {
    /** {@code *}: the action supports no resource-level permissions. */
    ANY(scope -> List.of("*")),
    ECR_REPOSITORY(scope -> each(scope.repositories(), name -> arn(scope, "ecr", "repository/" + name))),
    ECS_CLUSTER(scope -> each(scope.clusters(), name -> arn(scope, "ecs", "cluster/" + name))),
    ECS_SERVICE(scope -> {
        List<String> arns = new ArrayList<>();
        for (String cluster : orAny(scope.clusters())) {
            for (String service : orAny(scope.services())) {
                arns.add(arn(scope, "ecs", "service/" + cluster + "/" + service));
            }
        }
        return arns;
    }),
    /** The tasks of the named clusters. */
    ECS_TASK(scope -> each(scope.clusters(), name -> arn(scope, "ecs", "task/" + name + "/*"))),
    /** Every revision of every family: a deploy registers revisions of whatever family the service runs. */
    ECS_TASK_DEFINITION(scope -> List.of(arn(scope, "ecs", "task-definition/*"))),
    EKS_CLUSTER(scope -> each(scope.clusters(), name -> arn(scope, "eks", "cluster/" + name))),
    EKS_ACCESS_ENTRY(scope -> each(scope.clusters(), name -> arn(scope, "eks", "access-entry/" + name + "/*"))),
    EKS_NODEGROUP(scope -> each(scope.clusters(), name -> arn(scope, "eks", "nodegroup/" + name + "/*"))),
    IAM_ROLE(scope -> each(scope.roles(), name -> global(scope, "iam", "role/" + name))),
    /** The roles AWS services create for themselves ({@code iam:CreateServiceLinkedRole}). */
    IAM_SERVICE_LINKED_ROLE(scope -> List.of(global(scope, "iam", "role/aws-service-role/*"))),
    LOG_GROUP(scope -> List.of(arn(scope, "logs", "log-group:*"))),
    /** The KMS keys the scope names; a permission on none is left out of the policy. */
    KMS_KEY(PermissionScope::kmsKeys);

    private final Function<PermissionScope, List<String>> arns;

    ResourceKind(Function<PermissionScope, List<String>> arns) {
        this.arns = arns;
    }

    /** The ARNs (or patterns) of this kind that {@code scope} names; {@code *} stands for what it leaves open. */
    public List<String> arns(PermissionScope scope) {
        return List.copyOf(arns.apply(scope));
    }

    private static List<String> each(List<String> names, Function<String, String> arn) {
        return orAny(names).stream().map(arn).toList();
    }

    private static List<String> orAny(List<String> names) {
        return names.isEmpty() ? List.of("*") : names;
    }

    private static String arn(PermissionScope scope, String service, String resource) {
        return "arn:" + scope.partition() + ":" + service + ":" + scope.region() + ":" + scope.account() + ":" + resource;
    }

    private static String global(PermissionScope scope, String service, String resource) {
        return "arn:" + scope.partition() + ":" + service + "::" + scope.account() + ":" + resource;
    }
}
