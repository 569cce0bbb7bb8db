package io.github.ecrtoolkit.ecs;

/**
 * The cluster or the service does not exist (or the service is being deleted):
 * {@link Reason#NOT_FOUND}. Nothing was changed.
 */
public final class EcsServiceNotFoundException extends EcsException {

    private static final long serialVersionUID = 1L;

    public EcsServiceNotFoundException(String cluster, String service, String message) {
        this(cluster, service, null, message, null);
    }

    /**
     * @param awsErrorCode ECS's error code, e.g. {@code ClusterNotFoundException}; {@code null} when the
     *        service was simply missing from the answer
     */
    public EcsServiceNotFoundException(String cluster, String service, String awsErrorCode, String message,
            Throwable cause) {
        super(Reason.NOT_FOUND, cluster, service, awsErrorCode, message, cause);
    }
}
