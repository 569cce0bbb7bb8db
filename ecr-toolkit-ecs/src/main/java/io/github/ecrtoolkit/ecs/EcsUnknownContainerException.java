package io.github.ecrtoolkit.ecs;

import java.util.List;

/**
 * A container named in the options is not in the service's task definition, or none was named
 * and the task definition has several: {@link Reason#INVALID_INPUT}. Nothing was registered or updated.
 */
public final class EcsUnknownContainerException extends EcsException {

    private static final long serialVersionUID = 1L;

    private final String taskDefinition;
    private final List<String> containers;

    public EcsUnknownContainerException(String cluster, String service, String taskDefinition,
            List<String> containers, String message) {
        super(Reason.INVALID_INPUT, cluster, service, null, message, null);
        this.taskDefinition = taskDefinition;
        this.containers = List.copyOf(containers);
    }

    /** The task definition that was searched. */
    public String taskDefinition() {
        return taskDefinition;
    }

    /** The names of the containers the task definition really has. */
    public List<String> containers() {
        return containers;
    }
}
