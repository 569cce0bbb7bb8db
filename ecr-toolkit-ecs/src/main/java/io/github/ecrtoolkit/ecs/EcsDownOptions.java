package io.github.ecrtoolkit.ecs;

/**
 * What {@link EcsServices#down} removes besides the service, its revisions and its security group.
 * Only resources it created (recognised by its tag) are ever removed.
 *
 * <pre>{@code
 * ecs.down(service, EcsDownOptions.defaults().keepLogs(true));
 * }</pre>
 *
 * @param keepLogs keep the service's log group (and its logs)
 * @param deleteCluster delete the cluster too, when it was created by {@code up} and runs no other service
 * @param deleteExecutionRole delete the execution role too, when it was created by {@code up}; other
 *        services may use it
 */
public record EcsDownOptions(boolean keepLogs, boolean deleteCluster, boolean deleteExecutionRole) {

    /** Removes the log group, keeps the cluster and the role (shared). */
    public static EcsDownOptions defaults() {
        return new EcsDownOptions(false, false, false);
    }

    public EcsDownOptions keepLogs(boolean keep) {
        return new EcsDownOptions(keep, deleteCluster, deleteExecutionRole);
    }

    public EcsDownOptions deleteCluster(boolean delete) {
        return new EcsDownOptions(keepLogs, delete, deleteExecutionRole);
    }

    public EcsDownOptions deleteExecutionRole(boolean delete) {
        return new EcsDownOptions(keepLogs, deleteCluster, delete);
    }
}
