package io.github.ecrtoolkit.eks.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import io.github.ecrtoolkit.eks.EksToken;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Presigns STS {@code GetCallerIdentity} with the {@code x-k8s-aws-id} header, which is what the
 * EKS authenticator verifies. Signing is the SDK's SigV4 signer; nothing here computes a signature.
 */
public final class StsTokenPresigner {

    /** The token prefix {@code aws-iam-authenticator} expects. */
    public static final String PREFIX = "k8s-aws-v1.";
    /** The header that binds the token to one cluster. */
    public static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** Presigned URL lifetime; the authenticator ignores it and allows 15 minutes from X-Amz-Date. */
    static final Duration URL_EXPIRY = Duration.ofSeconds(60);

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private StsTokenPresigner() {
    }

    public static EksToken presign(String cluster, Region region, AwsCredentialsIdentity credentials, Clock clock,
            Duration reuse) {
        // one instant for the signature and for the expiry we report
        Instant now = clock.instant();
        Clock fixed = Clock.fixed(now, java.time.ZoneOffset.UTC);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(stsHost(region))
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, cluster)
                .build();
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials)
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, URL_EXPIRY)
                .putProperty(HttpSigner.SIGNING_CLOCK, fixed));
        String url = goParameterOrder(signed.request().getUri().toString());
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new EksToken(cluster, token, now, now.plus(reuse));
    }

    /**
     * The URL with its query parameters sorted by name and the signature last, as the Go SDK
     * writes it: the same token, byte for byte, as aws-iam-authenticator and {@code aws eks
     * get-token} make for the same credentials and time (the order does not change the signature).
     */
    static String goParameterOrder(String url) {
        int question = url.indexOf('?');
        List<String> parameters = new ArrayList<>(List.of(url.substring(question + 1).split("&")));
        String signature = parameters.stream().filter(p -> p.startsWith("X-Amz-Signature=")).findFirst().orElseThrow();
        parameters.remove(signature);
        parameters.sort(Comparator.comparing(p -> p.substring(0, p.indexOf('='))));
        parameters.add(signature);
        return url.substring(0, question + 1) + String.join("&", parameters);
    }

    /** {@code sts.<region>.<partition domain>}: regional STS, as the authenticator expects. */
    static String stsHost(Region region) {
        // PartitionMetadata.of guesses the partition from the region name, so new regions work too
        PartitionMetadata partition = PartitionMetadata.of(region);
        String suffix = partition != null && partition.dnsSuffix() != null ? partition.dnsSuffix() : "amazonaws.com";
        return "sts." + region.id() + "." + suffix;
    }
}
