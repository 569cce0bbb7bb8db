package io.github.ecrtoolkit.testing.aws.elb;

/**
 * A listener of a load balancer whose default action forwards to one target group.
 *
 * @param arn its ARN
 * @param loadBalancerArn the load balancer it listens on
 * @param protocol {@code HTTP}, {@code HTTPS}, {@code TCP}, …
 * @param port the port it listens on
 * @param targetGroupArn the target group it forwards to
 */
public record Listener(String arn, String loadBalancerArn, String protocol, int port, String targetGroupArn) {
}
