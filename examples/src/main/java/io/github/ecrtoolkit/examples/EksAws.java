package io.github.ecrtoolkit.examples;

import java.time.Duration;

import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.eks.EksClusters;
import io.github.ecrtoolkit.eks.EksDeployer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients of the {@code eks} commands when {@code --endpoint} points them elsewhere (a VPC
 * endpoint, a local stand-in); without it the library builds its own from the region. Closes what
 * it built: the library never closes a client it is lent.
 */
final class EksAws implements AutoCloseable {

    private final AwsOptions aws;
    private EksClient eks;
    private IamClient iam;
    private Ec2Client ec2;
    private StsClient sts;

    EksAws(AwsOptions aws) {
        this.aws = aws;
    }

    EksClusters.Builder clusters(Duration timeout, Duration pollInterval, DeployListener listener) {
        EksClusters.Builder builder = EksClusters.builder().region(aws.region.resolve()).timeout(timeout)
                .pollInterval(pollInterval).listener(listener);
        if (aws.endpoint().isPresent()) {
            eks = build(EksClient.builder());
            iam = build(IamClient.builder());
            ec2 = build(Ec2Client.builder());
            builder.eksClient(eks).iamClient(iam).ec2Client(ec2);
        }
        return builder;
    }

    /** A deployer for {@code cluster} through EKS, or through {@code target}'s kubeconfig. */
    EksDeployer deployer(EksTarget target, Duration pollInterval) {
        return deployer(target, pollInterval, new PlatformCheckOption());
    }

    /** The same, checking images' platforms before changes unless {@code platformCheck} says to skip it. */
    EksDeployer deployer(EksTarget target, Duration pollInterval, PlatformCheckOption platformCheck) {
        EksDeployer.Builder builder = EksDeployer.builder().pollInterval(pollInterval);
        platformCheck.override().ifPresent(builder::imagePlatforms);
        if (target.kubeconfig != null) {
            return builder.kubeconfig(target.kubeconfig).build();
        }
        builder.cluster(target.cluster).region(aws.region.resolve());
        if (aws.endpoint().isPresent()) {
            eks = build(EksClient.builder());
            sts = build(StsClient.builder());
            builder.eksClient(eks).stsClient(sts);
        }
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(
            B builder) {
        return builder.region(aws.region.resolve()).endpointOverride(aws.endpoint().orElseThrow())
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @Override
    public void close() {
        for (AutoCloseable client : new AutoCloseable[] {eks, iam, ec2, sts}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing an SDK client does not fail in practice
                }
            }
        }
    }
}
