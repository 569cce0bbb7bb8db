package io.github.ecrtoolkit.ecs;

/**
 * ECS (or EC2, IAM, CloudWatch Logs on an ECS service's behalf) refused the credentials (missing,
 * expired, invalid) or the principal lacks a permission:
 * {@link Reason#ACCESS_DENIED}. The message names the operation, and the denied action when ECS
 * named it; it never contains a credential.
 */
public final class EcsAccessDeniedException extends EcsException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    public EcsAccessDeniedException(String cluster, String service, String operation, String message,
            Throwable cause) {
        this(cluster, service, operation, null, message, cause);
    }

    /**
     * @param awsErrorCode ECS's error code, e.g. {@code AccessDeniedException}; {@code null} when no
     *        credentials were found to send
     */
    public EcsAccessDeniedException(String cluster, String service, String operation, String awsErrorCode,
            String message, Throwable cause) {
        this("ECS", cluster, service, operation, awsErrorCode, message, cause);
    }

    /**
     * @param awsService the service that refused: {@code ECS}, or {@code EC2}, {@code IAM}, {@code CloudWatch Logs}
     *        for the calls {@link EcsServices} makes on an ECS service's behalf
     */
    public EcsAccessDeniedException(String awsService, String cluster, String service, String operation,
            String awsErrorCode, String message, Throwable cause) {
        super(Reason.ACCESS_DENIED, awsService, cluster, service, awsErrorCode, message, cause);
        this.operation = operation;
    }

    /** The ECS operation that was refused, e.g. {@code UpdateService}. */
    public String operation() {
        return operation;
    }
}
