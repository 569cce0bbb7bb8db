package io.github.ecrtoolkit.core.deploy.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.EcrImagePlatforms;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.internal.InternalApi;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * The lookup a deployer uses when the caller gave none: images on ECR, read with the deployer's own
 * AWS credentials and, when its client is pointed at a local stand-in or a proxy, through that same
 * endpoint. An endpoint of an AWS service ({@code *.amazonaws.com}, {@code *.on.aws}, {@code *.api.aws},
 * a VPC endpoint included) belongs to that service only, so ECR then uses its regional endpoint.
 *
 * <pre>{@code
 * ImagePlatforms lookup = given != null ? given : DefaultImagePlatforms.like(ecsClient.serviceClientConfiguration());
 * }</pre>
 */
@InternalApi
public final class DefaultImagePlatforms {

    private DefaultImagePlatforms() {
    }

    /** Reads ECR images with the credentials and (a non-AWS) endpoint override of {@code config}. */
    public static ImagePlatforms like(AwsServiceClientConfiguration config) {
        return of(config.credentialsProvider(), config.endpointOverride());
    }

    /**
     * @param credentials the deployer's credentials; {@code null} for the AWS default chain
     * @param endpoint    the endpoint override of the deployer's AWS client, if any
     */
    public static ImagePlatforms of(IdentityProvider<? extends AwsCredentialsIdentity> credentials, Optional<URI> endpoint) {
        EcrImagePlatforms.Builder builder = EcrImagePlatforms.builder();
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        endpoint.filter(uri -> !isAwsServiceHost(uri)).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static boolean isAwsServiceHost(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn") || host.endsWith(".on.aws")
                || host.endsWith(".api.aws");
    }
}
