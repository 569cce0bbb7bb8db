package io.github.ecrtoolkit.ecs.internal;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.internal.AwsErrors;

/**
 * The four clients a from-zero service needs. Each is the caller's (lent: closing does nothing) or
 * one built here, in the ECS client's region so that all four talk to the same place.
 *
 * @param ecs clusters, task definitions, services
 * @param ec2 the default VPC, subnets, security groups, task addresses
 * @param iam the execution role
 * @param logs the log group
 */
public record ServiceClients(EcsClient ecs, Ec2Client ec2, IamClient iam, CloudWatchLogsClient logs) implements AutoCloseable {

    /**
     * @throws EcrToolkitException when a client must be built and no region is configured
     */
    public static ServiceClients of(EcsClient ecs, Ec2Client ec2, IamClient iam, CloudWatchLogsClient logs) {
        EcsClient ecsClient = EcsClients.of(ecs);
        try {
            Region region = ecsClient.serviceClientConfiguration().region();
            return new ServiceClients(ecsClient,
                    ec2 != null ? AwsClients.notClosed(Ec2Client.class, ec2) : AwsClients.build(Ec2Client.builder().region(region)),
                    iam != null ? AwsClients.notClosed(IamClient.class, iam) : AwsClients.build(IamClient.builder().region(Region.AWS_GLOBAL)),
                    logs != null ? AwsClients.notClosed(CloudWatchLogsClient.class, logs)
                            : AwsClients.build(CloudWatchLogsClient.builder().region(region)));
        } catch (SdkClientException e) {
            ecsClient.close();
            throw new EcrToolkitException(AwsErrors.classify("AWS", "client setup", e).reason(),
                    "could not create the EC2, IAM or CloudWatch Logs client: " + AwsErrors.safe(e.getMessage())
                    + " Pass your own clients to EcsServices.builder().", e);
        }
    }

    /** The region the services are in, for the log configuration of a task. */
    public String region() {
        return ecs.serviceClientConfiguration().region().id();
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
        iam.close();
        logs.close();
    }
}
