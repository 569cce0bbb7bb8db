package io.github.ecrtoolkit.ecs;

/**
 * ECS refused the credentials (missing, expired, invalid) or the principal lacks a permission:
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
        super(Reason.ACCESS_DENIED, cluster, service, awsErrorCode, message, cause);
        this.operation = operation;
    }

    /** The ECS operation that was refused, e.g. {@code UpdateService}. */
    public String operation() {
        return operation;
    }
}
