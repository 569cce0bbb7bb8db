package io.github.ecrtoolkit.ecs;

/** The cluster or the service does not exist (or the service is being deleted). Nothing was changed. */
public final class EcsServiceNotFoundException extends EcsException {

    private static final long serialVersionUID = 1L;

    public EcsServiceNotFoundException(String cluster, String service, String message) {
        super(cluster, service, message);
    }
}
