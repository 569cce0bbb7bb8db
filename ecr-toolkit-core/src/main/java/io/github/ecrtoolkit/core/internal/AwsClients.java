package io.github.ecrtoolkit.core.internal;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The one place that builds the AWS SDK clients we own: every one uses Apache HttpClient 5, the
 * project's single HTTP stack (the modules exclude the SDK's other transports).
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Builds {@code builder} with an Apache HttpClient 5 transport, e.g.
     * {@code AwsClients.build(EcrClient.builder().region(region))}.
     *
     * @throws software.amazon.awssdk.core.exception.SdkClientException when the SDK cannot resolve the
     *         region or another setting from the default chains
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.httpClientBuilder(Apache5HttpClient.builder()).build();
    }
}
