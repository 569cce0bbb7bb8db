package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.ecs.EcsServices;
import io.github.ecrtoolkit.iam.Preflight;
import io.github.ecrtoolkit.iam.PreflightResult;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The {@code ecs} commands' {@link EcsServices}, with its clients in the region (and at the
 * endpoint) the options name; progress goes to {@code out}. Closing it closes the clients.
 */
final class EcsSession implements AutoCloseable {

    private final EcsClient ecsClient;
    private final Ec2Client ec2Client;
    private final IamClient iamClient;
    private final CloudWatchLogsClient logsClient;
    private final ElasticLoadBalancingV2Client elbClient;
    private final StsClient stsClient;
    private final EcsServices services;

    /** @param imagePlatforms what up is told about images' platforms; empty for its default (ECR images checked) */
    EcsSession(AwsOptions aws, Duration pollInterval, Duration timeout, PrintWriter out, Optional<ImagePlatforms> imagePlatforms) {
        Region region = aws.region.resolve();
        ecsClient = build(EcsClient.builder(), aws, region);
        ec2Client = build(Ec2Client.builder(), aws, region);
        iamClient = build(IamClient.builder(), aws, aws.endpoint().isPresent() ? region : Region.AWS_GLOBAL);
        logsClient = build(CloudWatchLogsClient.builder(), aws, region);
        elbClient = build(ElasticLoadBalancingV2Client.builder(), aws, region);
        stsClient = build(StsClient.builder(), aws, region);
        EcsServices.Builder builder = EcsServices.builder().ecsClient(ecsClient).ec2Client(ec2Client).iamClient(iamClient)
                .logsClient(logsClient).elbClient(elbClient).pollInterval(pollInterval).timeout(timeout).listener(event -> out.println(event.message()));
        imagePlatforms.ifPresent(builder::imagePlatforms);
        services = builder.build();
    }

    EcsServices services() {
        return services;
    }

    /**
     * Asks IAM, before anything changes, whether the caller may make every call {@code capability}
     * makes on this cluster and service: a denied action ends the command with the action and the
     * policy to attach; a simulation the caller may not run is said and does not stop it.
     *
     * @return false when an action is denied (the reason was printed)
     */
    boolean preflight(Capability capability, String cluster, String service, PrintWriter out, PrintWriter err) {
        PermissionScope scope = PermissionScope.builder().cluster(cluster).service(service).build();
        try (Preflight preflight = Preflight.builder().stsClient(stsClient).iamClient(iamClient).build()) {
            PreflightResult result = preflight.check(capability, scope);
            if (result.hasDenied()) {
                err.println("error: " + result.message());
                return false;
            }
            if (!result.allAllowed()) {
                out.println("pre-flight: " + result.message());
            }
            result.warnings().forEach(warning -> out.println("pre-flight: warning: " + warning));
            return true;
        }
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
        elbClient.close();
        stsClient.close();
    }
}
