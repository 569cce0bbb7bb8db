package io.github.ecrtoolkit.testing.aws.ec2;

import java.util.List;
import java.util.Optional;

/**
 * An elastic network interface, such as the one a Fargate task gets in {@code awsvpc} mode.
 *
 * @param id its id, such as {@code eni-…}
 * @param subnetId the subnet it is in
 * @param vpcId the VPC it is in
 * @param privateIp its private IPv4 address
 * @param publicIp its public IPv4 address, when one was assigned
 * @param securityGroupIds the security groups it is in
 */
public record NetworkInterface(String id, String subnetId, String vpcId, String privateIp, Optional<String> publicIp,
        List<String> securityGroupIds) {

    public NetworkInterface {
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
