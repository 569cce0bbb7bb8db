package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.ecs.EcsServices;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The {@code ecs} commands' {@link EcsServices}, with its four clients in the region (and at the
 * endpoint) the options name; progress goes to {@code out}. Closing it closes the clients.
 */
final class EcsSession implements AutoCloseable {

    private final EcsClient ecsClient;
    private final Ec2Client ec2Client;
    private final IamClient iamClient;
    private final CloudWatchLogsClient logsClient;
    private final EcsServices services;

    EcsSession(AwsOptions aws, Duration pollInterval, Duration timeout, PrintWriter out) {
        Region region = aws.region.resolve();
        ecsClient = build(EcsClient.builder(), aws, region);
        ec2Client = build(Ec2Client.builder(), aws, region);
        iamClient = build(IamClient.builder(), aws, aws.endpoint().isPresent() ? region : Region.AWS_GLOBAL);
        logsClient = build(CloudWatchLogsClient.builder(), aws, region);
        services = EcsServices.builder().ecsClient(ecsClient).ec2Client(ec2Client).iamClient(iamClient).logsClient(logsClient)
                .pollInterval(pollInterval).timeout(timeout).listener(event -> out.println(event.message())).build();
    }

    EcsServices services() {
        return services;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, AwsOptions aws,
            Region region) {
        builder.httpClientBuilder(Apache5HttpClient.builder()).region(region);
        aws.endpoint().ifPresent(builder::endpointOverride);
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "could not create an AWS client ("
                    + e.getMessage() + "); set AWS_REGION or a profile's region", e);
        }
    }

    @Override
    public void close() {
        services.close();
        ecsClient.close();
        ec2Client.close();
        iamClient.close();
        logsClient.close();
    }
}
