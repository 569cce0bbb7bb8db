package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.eks.EksException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM roles EKS needs: made when missing (trust policy, the managed policies EKS requires, our
 * tags), checked when present, and deleted on tear-down only when our tags say we made them.
 */
public final class ClusterRoles {

    /** Tag on everything {@code up} creates: what made it. */
    public static final String CREATED_BY_TAG = "ecr-toolkit/created-by";
    public static final String CREATED_BY = "ecr-toolkit";
    /** Tag on everything {@code up} creates: for which cluster. */
    public static final String CLUSTER_TAG = "ecr-toolkit/cluster";

    private static final String POLICY = "arn:aws:iam::aws:policy/";

    /** What a role is for: whom it trusts and which managed policies it needs. */
    public enum Kind {
        CLUSTER("eks.amazonaws.com", List.of(POLICY + "AmazonEKSClusterPolicy")),
        AUTO_MODE_CLUSTER("eks.amazonaws.com", List.of(POLICY + "AmazonEKSClusterPolicy", POLICY + "AmazonEKSComputePolicy",
                POLICY + "AmazonEKSBlockStoragePolicy", POLICY + "AmazonEKSLoadBalancingPolicy",
                POLICY + "AmazonEKSNetworkingPolicy")),
        NODE("ec2.amazonaws.com", List.of(POLICY + "AmazonEKSWorkerNodePolicy", POLICY + "AmazonEC2ContainerRegistryReadOnly",
                POLICY + "AmazonEKS_CNI_Policy")),
        AUTO_MODE_NODE("ec2.amazonaws.com", List.of(POLICY + "AmazonEKSWorkerNodeMinimalPolicy",
                POLICY + "AmazonEC2ContainerRegistryPullOnly"));

        final String principal;
        final List<String> policies;

        Kind(String principal, List<String> policies) {
            this.principal = principal;
            this.policies = policies;
        }

        /** EKS (and Auto Mode) assume the cluster role with session tags; EC2 needs only AssumeRole. */
        String trustPolicy() {
            String actions = principal.startsWith("eks") ? "[\"sts:AssumeRole\",\"sts:TagSession\"]" : "\"sts:AssumeRole\"";
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                    + principal + "\"},\"Action\":" + actions + "}]}";
        }
    }

    private final IamClient iam;
    private final String cluster;

    public ClusterRoles(IamClient iam, String cluster) {
        this.iam = iam;
        this.cluster = cluster;
    }

    /**
     * The role's ARN, creating it (tagged) with its policies when missing; attaches missing policies
     * to a role we made, refuses a foreign role that lacks them.
     *
     * @param changes told what was created or attached
     */
    public String ensure(String name, Kind kind, Map<String, String> extraTags, Consumer<String> changes) {
        Role role = find(name);
        boolean created = role == null;
        if (created) {
            Map<String, String> tags = new LinkedHashMap<>(extraTags);
            tags.put(CREATED_BY_TAG, CREATED_BY);
            tags.put(CLUSTER_TAG, cluster);
            List<Tag> iamTags = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            role = AwsCalls.call("IAM", "CreateRole", cluster, "role " + name, () -> iam.createRole(r -> r.roleName(name)
                    .assumeRolePolicyDocument(kind.trustPolicy()).tags(iamTags)
                    .description("EKS " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + " role of cluster " + cluster + ", made by ecr-toolkit")).role());
            changes.accept("created IAM role " + name);
        }
        List<String> missing = created ? new ArrayList<>(kind.policies) : missing(name, kind);
        if (!missing.isEmpty() && !created && !ours(role)) {
            throw foreign(name, missing);
        }
        for (String policy : missing) {
            AwsCalls.call("IAM", "AttachRolePolicy", cluster, "role " + name,
                    () -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(policy)));
            if (!created) {
                changes.accept("attached " + policy.substring(POLICY.length()) + " to IAM role " + name);
            }
        }
        return role.arn();
    }

    /**
     * What {@link #ensure} would do, without doing it.
     *
     * @throws EksException as {@link #ensure} does for a foreign role without the policies
     */
    public List<String> plan(String name, Kind kind) {
        Role role = find(name);
        if (role == null) {
            return List.of("create IAM role " + name + " with " + kind.policies.stream()
                    .map(p -> p.substring(POLICY.length())).toList());
        }
        List<String> missing = missing(name, kind);
        if (!missing.isEmpty() && !ours(role)) {
            throw foreign(name, missing);
        }
        return missing.stream().map(p -> "attach " + p.substring(POLICY.length()) + " to IAM role " + name).toList();
    }

    /** Deletes the role when our tags say we made it for this cluster; true when deleted. */
    public boolean deleteIfOurs(String name) {
        Role role = find(name);
        if (role == null || !ours(role)) {
            return false;
        }
        for (AttachedPolicy p : AwsCalls.call("IAM", "ListAttachedRolePolicies", cluster, "role " + name,
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies().stream().toList())) {
            AwsCalls.call("IAM", "DetachRolePolicy", cluster, "role " + name,
                    () -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(p.policyArn())));
        }
        AwsCalls.call("IAM", "DeleteRole", cluster, "role " + name, () -> iam.deleteRole(r -> r.roleName(name)));
        return true;
    }

    private List<String> missing(String name, Kind kind) {
        Set<String> attached = new HashSet<>();
        for (AttachedPolicy p : AwsCalls.call("IAM", "ListAttachedRolePolicies", cluster, "role " + name,
                () -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies().stream().toList())) {
            attached.add(p.policyArn());
        }
        List<String> missing = new ArrayList<>(kind.policies);
        missing.removeAll(attached);
        return missing;
    }

    private EksException foreign(String name, List<String> missing) {
        return new EksException(Reason.CONFLICT, cluster, "IAM role " + name + " exists but lacks the managed policies EKS "
                + "needs: " + missing + ". Attach them, or name another role in EksClusterSpec (clusterRoleName/nodeRoleName); "
                + "ecr-toolkit changes only roles it created.", null);
    }

    private Role find(String name) {
        return AwsCalls.call("IAM", "GetRole", cluster, "role " + name, () -> {
            try {
                return iam.getRole(r -> r.roleName(name)).role();
            } catch (NoSuchEntityException e) {
                return null;
            }
        });
    }

    /** GetRole returns the role's tags; ours carry both of our tags with this cluster's name. */
    private boolean ours(Role role) {
        Map<String, String> tags = new LinkedHashMap<>();
        role.tags().forEach(t -> tags.put(t.key(), t.value()));
        return CREATED_BY.equals(tags.get(CREATED_BY_TAG)) && cluster.equals(tags.get(CLUSTER_TAG));
    }
}
