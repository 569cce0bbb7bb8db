package io.github.ecrtoolkit.ecs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Elastic Load Balancing target group a service's tasks register in: the load balancer in front
 * of it sends traffic to {@code containerPort} of the service's container. Set with
 * {@link EcsServiceSpec.Builder#targetGroup(String)}.
 *
 * <pre>{@code
 * new EcsTargetGroup("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/0123456789abcdef", 8080);
 * }</pre>
 *
 * @param arn the target group's ARN; its target type must be {@code ip} (Fargate and {@code awsvpc} tasks)
 * @param containerPort the container port the load balancer sends traffic to
 */
public record EcsTargetGroup(String arn, int containerPort) {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[^/]+/[0-9a-f]+");

    /**
     * @throws IllegalArgumentException when the ARN is not a target group's or the port is out of range
     */
    public EcsTargetGroup {
        Objects.requireNonNull(arn, "arn");
        if (!ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("not a target group ARN: '" + arn + "'; it looks like "
                    + "arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id> (aws elbv2 describe-target-groups)");
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("a port is between 1 and 65535, was " + containerPort);
        }
    }
}
