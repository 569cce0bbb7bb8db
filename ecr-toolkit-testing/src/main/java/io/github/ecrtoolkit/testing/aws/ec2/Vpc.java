package io.github.ecrtoolkit.testing.aws.ec2;

/**
 * A VPC as the EC2 stand-in holds it.
 *
 * @param id its id, such as {@code vpc-0default}
 * @param cidrBlock its IPv4 range
 * @param isDefault whether it is the account's default VPC in the region
 */
public record Vpc(String id, String cidrBlock, boolean isDefault) {
}
