package io.github.ecrtoolkit.ecs;

/**
 * ECS refused the credentials (missing, expired, invalid) or the principal lacks a permission.
 * The message names the operation; it never contains a credential.
 */
public final class EcsAccessDeniedException extends EcsException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    public EcsAccessDeniedException(String cluster, String service, String operation, String message,
            Throwable cause) {
        super(cluster, service, message, cause);
        this.operation = operation;
    }

    /** The ECS operation that was refused, e.g. {@code UpdateService}. */
    public String operation() {
        return operation;
    }
}
