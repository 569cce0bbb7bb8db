package io.github.ecrtoolkit.core.permissions;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One thing the toolkit does on AWS, with the IAM actions it needs listed in {@link Permissions}.
 *
 * <pre>{@code
 * PolicyDocument policy = Permissions.policy(Capability.DEPLOY_ECS, PermissionScope.builder()
 *         .account("123456789012").region("eu-west-1").cluster("prod").service("orders").build());
 * }</pre>
 */
public enum Capability {
    /** Push images to existing repositories. */
    PUSH("push", "push images to a repository"),
    /** Create repositories (with scan on push, tag immutability, encryption, tags). */
    CREATE_REPOSITORY("create-repository", "create repositories"),
    /** Roll an image out to an existing ECS service, run one-off tasks, clean old revisions. */
    DEPLOY_ECS("deploy-ecs", "deploy to an existing ECS service"),
    /** Create an ECS cluster, roles, networking, logs and service from nothing. */
    ECS_UP("ecs-up", "create an ECS service from zero"),
    /** Roll an image out to a workload on an existing EKS cluster. */
    DEPLOY_EKS("deploy-eks", "deploy to an EKS cluster"),
    /** Create an EKS cluster (Auto Mode or node groups), its roles and access from nothing. */
    EKS_UP("eks-up", "create an EKS cluster from zero"),
    /** Run an ECS Express Mode service (an HTTPS URL without a load balancer of your own). */
    EXPRESS("express", "run an ECS Express Mode service");

    private final String cliName;
    private final String description;

    Capability(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name the command line uses, e.g. {@code deploy-ecs}. */
    public String cliName() {
        return cliName;
    }

    /** What it does, in a few words: {@code deploy to an existing ECS service}. */
    public String description() {
        return description;
    }

    /**
     * The capability named {@code name} on the command line ({@code deploy-ecs}) or in code
     * ({@code DEPLOY_ECS}).
     *
     * @throws IllegalArgumentException naming the valid names when there is no such capability
     */
    public static Capability named(String name) {
        String wanted = name == null ? "" : name.strip();
        for (Capability capability : values()) {
            if (capability.cliName.equalsIgnoreCase(wanted) || capability.name().equalsIgnoreCase(wanted)) {
                return capability;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a capability; use one of "
                + Arrays.stream(values()).map(Capability::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
