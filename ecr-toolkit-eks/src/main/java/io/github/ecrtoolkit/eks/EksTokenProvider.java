package io.github.ecrtoolkit.eks;

import io.github.ecrtoolkit.core.AwsRegions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;


import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.eks.internal.StsTokenPresigner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * Makes and caches Kubernetes API tokens for one EKS cluster the way {@code aws-iam-authenticator}
 * expects them, without the {@code aws} CLI: a presigned STS {@code GetCallerIdentity} URL. No
 * network call is made; STS checks the signature when the cluster presents the token.
 *
 * <pre>{@code
 * EksTokenProvider tokens = EksTokenProvider.create("prod", Region.EU_WEST_1);
 * String bearer = tokens.token().value();
 * }</pre>
 *
 * <p>Thread-safe. A token is reused for {@link #TOKEN_REUSE} after signing (EKS accepts it for 15
 * minutes) and renewed earlier when the cluster refuses it ({@link #renew(EksToken)}).
 */
public final class EksTokenProvider {

    /** How long a token is reused after signing. */
    public static final Duration TOKEN_REUSE = Duration.ofMinutes(14);

    private static final java.util.regex.Pattern CLUSTER_NAME =
            java.util.regex.Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");

    private final String cluster;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private EksToken cached;

    private EksTokenProvider(Builder builder) {
        this.cluster = Objects.requireNonNull(builder.cluster, "cluster");
        this.region = Objects.requireNonNull(builder.region, "region");
        this.credentials = builder.credentials != null ? builder.credentials : DefaultCredentialsProvider.builder().build();
        this.clock = builder.clock;
    }

    /** Tokens for {@code cluster} in {@code region}, credentials from the AWS default chain. */
    public static EksTokenProvider create(String cluster, Region region) {
        return builder().cluster(cluster).region(region).build();
    }

    /** For your own credentials provider or a fixed clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A valid token: the cached one while it is younger than {@link #TOKEN_REUSE}, else a new one.
     *
     * @throws EksAccessException when no AWS credentials can be found
     */
    public synchronized EksToken token() {
        if (cached == null || !clock.instant().isBefore(cached.expiration())) {
            cached = sign();
        }
        return cached;
    }

    /**
     * A token other than {@code refused} (which the cluster answered with 401): a new one unless
     * another thread renewed it already.
     *
     * @throws EksAccessException when no AWS credentials can be found
     */
    public synchronized EksToken renew(EksToken refused) {
        if (cached == null || cached == refused) {
            cached = sign();
        }
        return cached;
    }

    public String cluster() {
        return cluster;
    }

    public Region region() {
        return region;
    }

    @Override
    public String toString() {
        return "EksTokenProvider[cluster=" + cluster + ", region=" + region + "]";
    }

    /** EKS cluster names: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit. */
    static String checkClusterName(String cluster) {
        Objects.requireNonNull(cluster, "cluster");
        if (cluster.startsWith("arn:")) {
            String name = cluster.substring(cluster.lastIndexOf('/') + 1);
            throw new IllegalArgumentException("'" + cluster + "' is a cluster ARN; give the EKS cluster's name"
                    + (CLUSTER_NAME.matcher(name).matches() ? ": " + name : "") + " (and its region separately)");
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("no EKS cluster name given: write the name the EKS console shows, e.g. prod");
        }
        if (!CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("invalid EKS cluster name '" + cluster + "': use 1 to 100 letters, "
                    + "digits, '-' and '_', starting with a letter or digit");
        }
        return cluster;
    }

    private EksToken sign() {
        try {
            return StsTokenPresigner.presign(cluster, region, credentials.resolveCredentials(), clock, TOKEN_REUSE);
        } catch (SdkException e) {
            // the SDK's message lists every provider of the chain: it stays in the cause, not the message
            throw new EksAccessException(cluster, null, "Cannot sign a token for EKS cluster '" + cluster
                    + "': no usable AWS credentials. " + AwsErrors.PROVIDE_CREDENTIALS
                    + " Or pass a credentials provider.", e);
        }
    }

    /** Not thread-safe. */
    public static final class Builder {
        private String cluster;
        private Region region;
        private AwsCredentialsProvider credentials;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The EKS cluster name (signed into the token as {@code x-k8s-aws-id}). */
        public Builder cluster(String cluster) {
            this.cluster = checkClusterName(cluster);
            return this;
        }

        /** @throws IllegalArgumentException when the region is not one AWS has (see {@link AwsRegions}) */
        public Builder region(Region region) {
            this.region = AwsRegions.check(region);
            return this;
        }

        /** Credentials to sign with; default: the AWS default chain. */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The clock for signing time and expiry; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EksTokenProvider build() {
            return new EksTokenProvider(this);
        }
    }
}
