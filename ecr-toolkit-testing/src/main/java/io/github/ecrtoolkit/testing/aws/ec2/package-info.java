/** The EC2 stand-in: a default VPC and its subnets, security groups, the network interfaces of tasks. */
package io.github.ecrtoolkit.testing.aws.ec2;
