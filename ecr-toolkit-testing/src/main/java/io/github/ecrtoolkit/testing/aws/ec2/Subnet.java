package io.github.ecrtoolkit.testing.aws.ec2;

/**
 * A subnet as the EC2 stand-in holds it.
 *
 * @param id its id
 * @param vpcId the VPC it belongs to
 * @param availabilityZone its zone, such as {@code eu-west-1a}
 * @param cidrBlock its IPv4 range
 * @param defaultForAz whether it is the default subnet of its zone (the default VPC's are)
 * @param mapPublicIpOnLaunch whether interfaces launched in it get a public address
 */
public record Subnet(String id, String vpcId, String availabilityZone, String cidrBlock, boolean defaultForAz,
        boolean mapPublicIpOnLaunch) {
}
