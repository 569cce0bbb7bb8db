package io.github.ecrtoolkit.testing.aws.elb;

/**
 * A load balancer as the ELB stand-in holds it.
 *
 * @param arn its ARN
 * @param name its name
 * @param dnsName the DNS name clients reach it at
 */
public record LoadBalancer(String arn, String name, String dnsName) {
}
