package io.github.ecrtoolkit.testing.aws.elb;

/**
 * A target group as the ELB stand-in holds it; it is attached to the load balancers whose
 * listeners forward to it.
 *
 * @param arn its ARN
 * @param name its name
 * @param port the port targets receive traffic on
 * @param targetType {@code ip} (what tasks with awsvpc networking need), {@code instance} or {@code lambda}
 */
public record TargetGroup(String arn, String name, int port, String targetType) {
}
