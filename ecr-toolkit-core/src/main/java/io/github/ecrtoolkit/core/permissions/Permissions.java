package io.github.ecrtoolkit.core.permissions;

import static io.github.ecrtoolkit.core.permissions.ResourceKind.ANY;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.ECR_REPOSITORY;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.ECS_CLUSTER;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.ECS_SERVICE;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.ECS_TASK;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.ECS_TASK_DEFINITION;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.EKS_ACCESS_ENTRY;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.EKS_CLUSTER;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.EKS_NODEGROUP;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.IAM_ROLE;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.IAM_SERVICE_LINKED_ROLE;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.KMS_KEY;
import static io.github.ecrtoolkit.core.permissions.ResourceKind.LOG_GROUP;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table: for each {@link Capability}, every IAM action the toolkit's own AWS calls need, and
 * nothing else. Tests check it against the calls each capability records, so a call added to the
 * code without a row here fails the build.
 *
 * <pre>{@code
 * String json = Permissions.policy(Capability.PUSH, PermissionScope.builder().repository("orders").build()).toJson();
 * List<String> actions = Permissions.actions(Capability.PUSH);   // ecr:GetAuthorizationToken, ecr:PutImage, ...
 * }</pre>
 *
 * <p>{@code sts:GetCallerIdentity} is in no row: AWS allows it to every principal. Some rows are
 * {@linkplain Permission#isOptional() optional}: the ECR reads of the deploy-time platform check, in
 * the deploy and up capabilities, are in the policy, yet a caller without them still deploys (the
 * check is skipped with a warning), so the pre-flight warns rather than refuses.
 */
public final class Permissions {

    /** Actions AWS allows every principal, whatever its policies say. */
    public static final Set<String> ALWAYS_ALLOWED = Set.of("sts:GetCallerIdentity");

    private static final String ECS_TASKS = "ecs-tasks.amazonaws.com";
    private static final String ECS = "ecs.amazonaws.com";
    private static final String EKS = "eks.amazonaws.com";
    private static final String EC2 = "ec2.amazonaws.com";

    /** What the optional ECR reads serve, as warnings name it. */
    private static final String PLATFORM_CHECK = "the deploy-time platform check";

    private static final Map<Capability, List<Permission>> TABLE = new EnumMap<>(Capability.class);

    static {
        List<Permission> push = List.of(
                Permission.of("ecr:GetAuthorizationToken", ANY),
                Permission.of("ecr:BatchCheckLayerAvailability", ECR_REPOSITORY),
                Permission.of("ecr:InitiateLayerUpload", ECR_REPOSITORY),
                Permission.of("ecr:UploadLayerPart", ECR_REPOSITORY),
                Permission.of("ecr:CompleteLayerUpload", ECR_REPOSITORY),
                Permission.of("ecr:PutImage", ECR_REPOSITORY),
                // reading back manifests (an immutable tag's digest) and blobs (base images, mounts)
                Permission.of("ecr:BatchGetImage", ECR_REPOSITORY),
                Permission.of("ecr:GetDownloadUrlForLayer", ECR_REPOSITORY));
        TABLE.put(Capability.PUSH, push);

        TABLE.put(Capability.CREATE_REPOSITORY, List.of(
                Permission.of("ecr:DescribeRepositories", ECR_REPOSITORY),
                Permission.of("ecr:CreateRepository", ECR_REPOSITORY),
                Permission.of("ecr:TagResource", ECR_REPOSITORY),
                // only with a KMS key named in the scope: ECR creates a grant on it
                Permission.of("kms:DescribeKey", KMS_KEY),
                Permission.of("kms:CreateGrant", KMS_KEY),
                Permission.of("kms:RetireGrant", KMS_KEY)));

        List<Permission> deployEcs = List.of(
                Permission.of("ecs:DescribeServices", ECS_SERVICE),
                Permission.of("ecs:ListServices", ANY),
                Permission.of("ecs:DescribeTaskDefinition", ANY),
                Permission.of("ecs:RegisterTaskDefinition", ANY),
                // a revision registered with the previous one's tags
                Permission.of("ecs:TagResource", ECS_TASK_DEFINITION),
                Permission.of("ecs:UpdateService", ECS_SERVICE),
                Permission.of("ecs:ListTasks", ANY),
                Permission.of("ecs:DescribeTasks", ECS_TASK),
                Permission.of("ecs:RunTask", ECS_TASK_DEFINITION),
                Permission.of("ecs:ListTaskDefinitions", ANY),
                Permission.of("ecs:DeregisterTaskDefinition", ANY),
                passRole(ECS_TASKS));
        TABLE.put(Capability.DEPLOY_ECS, withPlatformCheck(deployEcs));

        List<Permission> ecsUp = new ArrayList<>(withPlatformCheck(deployEcs));
        ecsUp.addAll(List.of(
                Permission.of("ecs:CreateCluster", ECS_CLUSTER),
                Permission.of("ecs:DescribeClusters", ECS_CLUSTER),
                Permission.of("ecs:PutClusterCapacityProviders", ECS_CLUSTER),
                Permission.of("ecs:CreateService", ECS_SERVICE),
                Permission.of("ecs:DeleteService", ECS_SERVICE),
                Permission.of("ecs:DeleteCluster", ECS_CLUSTER),
                // a tag the toolkit no longer needs on a service it manages
                Permission.of("ecs:UntagResource", ECS_SERVICE),
                // the public IPs of the tasks: the endpoints up reports
                Permission.of("ec2:DescribeNetworkInterfaces", ANY),
                // a port no longer declared is closed again on the security group up created
                Permission.of("ec2:RevokeSecurityGroupIngress", ANY),
                // only with a target group: it exists, and its load balancer's DNS name and listener port are the endpoint
                Permission.of("elasticloadbalancing:DescribeTargetGroups", ANY),
                Permission.of("elasticloadbalancing:DescribeLoadBalancers", ANY),
                Permission.of("elasticloadbalancing:DescribeListeners", ANY)));
        ecsUp.addAll(network());
        ecsUp.addAll(roles());
        ecsUp.add(serviceLinkedRole(ECS));
        ecsUp.addAll(logs());
        TABLE.put(Capability.ECS_UP, List.copyOf(ecsUp));

        List<Permission> deployEks = List.of(
                Permission.of("eks:DescribeCluster", EKS_CLUSTER),
                Permission.of("eks:ListAccessEntries", EKS_CLUSTER),
                Permission.of("eks:DescribeAccessEntry", EKS_ACCESS_ENTRY));
        TABLE.put(Capability.DEPLOY_EKS, withPlatformCheck(deployEks));

        List<Permission> eksUp = new ArrayList<>(withPlatformCheck(deployEks));
        eksUp.addAll(List.of(
                // CreateCluster names no cluster ARN in the Service Authorization Reference: it is on *
                Permission.of("eks:CreateCluster", ANY),
                Permission.of("eks:TagResource", EKS_CLUSTER),
                Permission.of("eks:DeleteCluster", EKS_CLUSTER),
                Permission.of("eks:CreateNodegroup", EKS_CLUSTER),
                Permission.of("eks:DescribeNodegroup", EKS_NODEGROUP),
                Permission.of("eks:ListNodegroups", EKS_CLUSTER),
                // scaleNodeGroup: the workers' desired size
                Permission.of("eks:UpdateNodegroupConfig", EKS_NODEGROUP),
                Permission.of("eks:DeleteNodegroup", EKS_NODEGROUP),
                Permission.of("eks:CreateAccessEntry", EKS_CLUSTER),
                Permission.of("eks:AssociateAccessPolicy", EKS_ACCESS_ENTRY)));
        eksUp.addAll(network());
        eksUp.addAll(roles());
        eksUp.add(passRole(EKS, EC2));
        eksUp.add(serviceLinkedRole(EKS, "eks-nodegroup.amazonaws.com"));
        TABLE.put(Capability.EKS_UP, List.copyOf(eksUp));

        List<Permission> express = new ArrayList<>(List.of(
                // Express Mode services: resource-level scoping not used here until AWS documents it for these calls
                Permission.of("ecs:CreateExpressGatewayService", ANY),
                Permission.of("ecs:DescribeExpressGatewayService", ANY),
                Permission.of("ecs:UpdateExpressGatewayService", ANY),
                Permission.of("ecs:DeleteExpressGatewayService", ANY),
                Permission.of("ecs:DescribeServices", ECS_SERVICE),
                Permission.of("ecs:DescribeServiceDeployments", ANY),
                Permission.of("ecs:TagResource", ANY),
                // the cluster (created when missing) and the tasks whose stopped reasons a failure reports
                Permission.of("ecs:DescribeClusters", ECS_CLUSTER),
                Permission.of("ecs:CreateCluster", ECS_CLUSTER),
                Permission.of("ecs:ListTasks", ANY),
                Permission.of("ecs:DescribeTasks", ECS_TASK),
                // the revisions Express Mode registered, deregistered by down
                Permission.of("ecs:ListTaskDefinitions", ANY),
                Permission.of("ecs:DescribeTaskDefinition", ANY),
                Permission.of("ecs:DeregisterTaskDefinition", ANY),
                Permission.of("ec2:DescribeVpcs", ANY),
                Permission.of("ec2:DescribeSubnets", ANY),
                Permission.of("ec2:DescribeSecurityGroups", ANY)));
        express.addAll(roles());
        express.add(passRole(ECS_TASKS, ECS));
        express.add(serviceLinkedRole(ECS, "elasticloadbalancing.amazonaws.com", "ecs.application-autoscaling.amazonaws.com"));
        express.addAll(logs());
        TABLE.put(Capability.EXPRESS, withPlatformCheck(express));
    }

    private Permissions() {
    }

    /** The rows of {@code capability}, in table order. */
    public static List<Permission> of(Capability capability) {
        return TABLE.get(capability);
    }

    /** The IAM actions {@code capability} needs, e.g. {@code ecr:PutImage}, without repeats. */
    public static List<String> actions(Capability capability) {
        return of(capability).stream().map(Permission::action).distinct().toList();
    }

    /** Whether {@code capability}'s rows hold {@code action}, or AWS allows it to everyone. */
    public static boolean covers(Capability capability, String action) {
        return ALWAYS_ALLOWED.contains(action) || of(capability).stream().anyMatch(p -> p.action().equals(action));
    }

    /**
     * What is skipped when {@code action} is denied to {@code capability}, when all its rows there are
     * optional; empty when the capability needs it (or does not use it).
     */
    public static Optional<String> optionalFor(Capability capability, String action) {
        List<Permission> rows = of(capability).stream().filter(p -> p.action().equals(action)).toList();
        return rows.stream().allMatch(Permission::isOptional) ? rows.stream().findFirst().flatMap(Permission::optionalFor)
                : Optional.empty();
    }

    /** The first capability (in {@link Capability} order, smallest first) that needs {@code action}. */
    public static Optional<Capability> firstNeeding(String action) {
        return Arrays.stream(Capability.values()).filter(c -> of(c).stream().anyMatch(p -> p.action().equals(action)))
                .findFirst();
    }

    /** The least-privilege policy for {@code capability}, scoped to what {@code scope} names. */
    public static PolicyDocument policy(Capability capability, PermissionScope scope) {
        return PolicyDocument.of(capability, of(capability), scope);
    }

    // ---- rows shared by several capabilities

    /** {@code rows}, then the ECR reads with which a deploy reads an image's platforms: optional. */
    private static List<Permission> withPlatformCheck(List<Permission> rows) {
        List<Permission> all = new ArrayList<>(rows);
        all.add(Permission.optional("ecr:GetAuthorizationToken", ANY, PLATFORM_CHECK));
        all.add(Permission.optional("ecr:BatchGetImage", ECR_REPOSITORY, PLATFORM_CHECK));
        all.add(Permission.optional("ecr:GetDownloadUrlForLayer", ECR_REPOSITORY, PLATFORM_CHECK));
        return List.copyOf(all);
    }

    private static List<Permission> network() {
        return List.of(
                Permission.of("ec2:DescribeVpcs", ANY),
                Permission.of("ec2:DescribeSubnets", ANY),
                Permission.of("ec2:DescribeSecurityGroups", ANY),
                Permission.of("ec2:DescribeAvailabilityZones", ANY),
                Permission.of("ec2:CreateSecurityGroup", ANY),
                Permission.of("ec2:AuthorizeSecurityGroupIngress", ANY),
                Permission.of("ec2:DeleteSecurityGroup", ANY),
                Permission.of("ec2:CreateTags", ANY));
    }

    private static List<Permission> roles() {
        return List.of(
                Permission.of("iam:GetRole", IAM_ROLE),
                Permission.of("iam:CreateRole", IAM_ROLE),
                Permission.of("iam:TagRole", IAM_ROLE),
                Permission.of("iam:AttachRolePolicy", IAM_ROLE),
                Permission.of("iam:ListAttachedRolePolicies", IAM_ROLE),
                Permission.of("iam:DetachRolePolicy", IAM_ROLE),
                Permission.of("iam:DeleteRole", IAM_ROLE));
    }

    private static List<Permission> logs() {
        return List.of(
                Permission.of("logs:DescribeLogGroups", LOG_GROUP),
                Permission.of("logs:CreateLogGroup", LOG_GROUP),
                Permission.of("logs:PutRetentionPolicy", LOG_GROUP),
                Permission.of("logs:TagResource", LOG_GROUP),
                // down deletes a log group only when its tags say up created it
                Permission.of("logs:ListTagsForResource", LOG_GROUP),
                Permission.of("logs:DeleteLogGroup", LOG_GROUP));
    }

    private static Permission passRole(String... services) {
        return new Permission("iam:PassRole", IAM_ROLE,
                Optional.of(new Permission.Condition("iam:PassedToService", List.of(services))));
    }

    private static Permission serviceLinkedRole(String... services) {
        return new Permission("iam:CreateServiceLinkedRole", IAM_SERVICE_LINKED_ROLE,
                Optional.of(new Permission.Condition("iam:AWSServiceName", List.of(services))));
    }
}
