package io.github.ecrtoolkit.testing.aws.ecs;

/**
 * An ECS Express Mode service as the stand-in holds it; the ECS service under it is in
 * {@link EcsStandIn#service(String, String)}.
 *
 * @param name its name
 * @param arn its ARN (the ECS service's)
 * @param cluster its cluster's name
 * @param status {@code ACTIVE}, {@code DRAINING} or {@code INACTIVE}
 * @param endpoint the public host name of its load balancer, such as {@code orders-1a2b3c4d.ecs.eu-west-1.on.aws}
 * @param infrastructureRoleArn the role ECS manages its load balancer, security groups and scaling with
 * @param executionRoleArn the task execution role
 * @param image the primary container's image
 * @param cpu task cpu units
 * @param memory task memory in MiB
 * @param minTaskCount the scaling target's minimum
 */
public record ExpressService(String name, String arn, String cluster, String status, String endpoint,
        String infrastructureRoleArn, String executionRoleArn, String image, String cpu, String memory, int minTaskCount) {
}
