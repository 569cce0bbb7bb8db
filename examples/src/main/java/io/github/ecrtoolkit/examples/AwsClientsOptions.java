package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.core.EcrToolkitException;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/** {@code --region} and {@code --endpoint}, and the STS and IAM clients they give (credentials: the default chain). */
final class AwsClientsOptions {

    @Mixin
    AwsOptions aws;

    StsClient sts() {
        StsClientBuilder builder = StsClient.builder().httpClientBuilder(Apache5HttpClient.builder());
        aws.endpoint().ifPresent(builder::endpointOverride);
        builder.region(aws.region.given().orElseGet(() -> regionOr(Region.US_EAST_1)));
        return builder.build();
    }

    IamClient iam() {
        IamClientBuilder builder = IamClient.builder().httpClientBuilder(Apache5HttpClient.builder());
        aws.endpoint().ifPresent(builder::endpointOverride);
        // IAM is global; with an endpoint override the SDK still signs for the region given
        builder.region(aws.endpoint().isPresent() ? aws.region.given().orElse(Region.US_EAST_1) : Region.AWS_GLOBAL);
        return builder.build();
    }

    private Region regionOr(Region fallback) {
        try {
            return aws.region.resolve();
        } catch (EcrToolkitException e) {
            return fallback;
        }
    }
}
