package io.github.ecrtoolkit.eks;

import java.util.Optional;

import io.github.ecrtoolkit.core.AwsException;

/**
 * Root of the EKS deployer's exceptions; carries the cluster it concerns, a {@link #reason()},
 * and the AWS service and error code when STS or EKS answered. Messages never contain a token or
 * credentials.
 */
public class EksException extends AwsException {

    private static final long serialVersionUID = 1L;

    private final String cluster;

    public EksException(String cluster, String message) {
        this(Reason.FAILED, cluster, null, null, message, null);
    }

    public EksException(String cluster, String message, Throwable cause) {
        this(Reason.FAILED, cluster, null, null, message, cause);
    }

    public EksException(Reason reason, String cluster, String message, Throwable cause) {
        this(reason, cluster, null, null, message, cause);
    }

    /**
     * @param reason       what kind of failure it is
     * @param cluster      the EKS cluster name, {@code null} with a caller's kubeconfig or client
     * @param awsService   {@code EKS} or {@code STS} when an AWS answer caused it, else {@code null}
     * @param awsErrorCode the AWS error code, or {@code null}
     * @param message      what happened and what to do
     * @param cause        the underlying failure, or {@code null}
     */
    public EksException(Reason reason, String cluster, String awsService, String awsErrorCode, String message,
            Throwable cause) {
        super(reason, awsService, awsErrorCode, message, cause);
        this.cluster = cluster;
    }

    /** The EKS cluster name, when the deployer knows one (not with a caller's kubeconfig). */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }
}
