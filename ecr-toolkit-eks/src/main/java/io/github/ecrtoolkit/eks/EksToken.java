package io.github.ecrtoolkit.eks;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for the Kubernetes API of an EKS cluster, as {@code aws eks get-token} makes it.
 * {@code toString()} never shows the value.
 */
public final class EksToken {

    private final String cluster;
    private final String value;
    private final Instant signedAt;
    private final Instant expiration;

    public EksToken(String cluster, String value, Instant signedAt, Instant expiration) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.value = Objects.requireNonNull(value, "value");
        this.signedAt = Objects.requireNonNull(signedAt, "signedAt");
        this.expiration = Objects.requireNonNull(expiration, "expiration");
    }

    public String cluster() {
        return cluster;
    }

    /** The secret: {@code k8s-aws-v1.} followed by the unpadded base64url of a presigned STS URL. */
    public String value() {
        return value;
    }

    /** When the STS URL was signed ({@code X-Amz-Date}); EKS accepts it for 15 minutes from then. */
    public Instant signedAt() {
        return signedAt;
    }

    /** When to stop using it: a minute before EKS would refuse it. */
    public Instant expiration() {
        return expiration;
    }

    @Override
    public String toString() {
        return "EksToken[cluster=" + cluster + ", signedAt=" + signedAt + ", expiration=" + expiration
                + ", value=****]";
    }
}
