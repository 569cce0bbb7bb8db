package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service as the stand-in holds it.
 *
 * @param name its name
 * @param arn its ARN
 * @param cluster its cluster's name
 * @param status {@code ACTIVE}, {@code DRAINING} (being deleted) or {@code INACTIVE}
 * @param taskDefinition the revision it is meant to run
 * @param desiredCount tasks it wants
 * @param runningCount tasks running, all deployments together
 * @param launchType {@code FARGATE}, {@code EC2}, or empty when a capacity provider strategy is set
 * @param capacityProviders the capacity providers of its strategy, such as {@code FARGATE_SPOT}
 * @param subnets the subnets of its {@code awsvpc} configuration
 * @param securityGroups the security groups of its {@code awsvpc} configuration
 * @param assignPublicIp {@code ENABLED} or {@code DISABLED}
 * @param deployments its deployments, the PRIMARY one first
 * @param tags its tags
 * @param loadBalancers the target groups its tasks register in
 * @param healthCheckGracePeriodSeconds how long its load balancer's failing health checks are ignored after a task starts, if set
 */
public record Service(String name, String arn, String cluster, String status, String taskDefinition, int desiredCount,
        int runningCount, String launchType, List<String> capacityProviders, List<String> subnets,
        List<String> securityGroups, String assignPublicIp, List<Deployment> deployments, Map<String, String> tags,
        List<LoadBalancer> loadBalancers, Optional<Integer> healthCheckGracePeriodSeconds) {

    public Service {
        capacityProviders = List.copyOf(capacityProviders);
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        deployments = List.copyOf(deployments);
        tags = Map.copyOf(tags);
        loadBalancers = List.copyOf(loadBalancers);
    }

    /**
     * One entry of a service's {@code loadBalancers}.
     *
     * @param targetGroupArn the target group
     * @param containerName the container that receives the traffic
     * @param containerPort its port
     */
    public record LoadBalancer(String targetGroupArn, String containerName, int containerPort) {
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
