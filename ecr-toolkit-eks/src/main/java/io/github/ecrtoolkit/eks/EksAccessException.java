package io.github.ecrtoolkit.eks;

import java.util.Optional;

/**
 * The AWS principal may not use the cluster: STS refused the credentials, the cluster has no access
 * entry for the principal, or the Kubernetes API answered 401/403. Always {@link Reason#ACCESS_DENIED}.
 * The message names the principal (an ARN, never a secret) and what to do next.
 */
public final class EksAccessException extends EksException {

    private static final long serialVersionUID = 1L;

    private final String principalArn;

    public EksAccessException(String cluster, String principalArn, String message) {
        this(cluster, principalArn, null, null, message, null);
    }

    public EksAccessException(String cluster, String principalArn, String message, Throwable cause) {
        this(cluster, principalArn, null, null, message, cause);
    }

    /**
     * @param awsService   {@code STS} or {@code EKS} when that service refused, else {@code null}
     * @param awsErrorCode its error code, or {@code null}
     */
    public EksAccessException(String cluster, String principalArn, String awsService, String awsErrorCode,
            String message, Throwable cause) {
        super(Reason.ACCESS_DENIED, cluster, awsService, awsErrorCode, message, cause);
        this.principalArn = principalArn;
    }

    /** The caller's ARN as STS reported it, when known. */
    public Optional<String> principalArn() {
        return Optional.ofNullable(principalArn);
    }
}
