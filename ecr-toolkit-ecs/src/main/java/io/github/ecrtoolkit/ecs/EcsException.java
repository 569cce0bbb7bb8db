package io.github.ecrtoolkit.ecs;

import java.util.Objects;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * An ECS call failed in a way the deployer cannot turn into a result. Carries the cluster and the
 * service so a caller can act; subclasses name the specific problem.
 */
public class EcsException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String service;

    public EcsException(String cluster, String service, String message) {
        super(message);
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.service = service;
    }

    public EcsException(String cluster, String service, String message, Throwable cause) {
        super(message, cause);
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.service = service;
    }

    /** The cluster the call was about. */
    public String cluster() {
        return cluster;
    }

    /** The service the call was about; {@code null} for calls about a cluster only. */
    public String service() {
        return service;
    }
}
