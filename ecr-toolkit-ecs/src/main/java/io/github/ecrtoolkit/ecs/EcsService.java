package io.github.ecrtoolkit.ecs;

import java.util.Objects;

import io.github.ecrtoolkit.core.deploy.DeployTarget;

/**
 * An ECS service in a cluster: what {@link EcsDeployer} rolls an image out to.
 *
 * <pre>{@code
 * EcsService orders = EcsService.of("prod", "orders");   // names or ARNs
 * }</pre>
 */
public final class EcsService implements DeployTarget {

    private final String cluster;
    private final String service;

    private EcsService(String cluster, String service) {
        this.cluster = requireText(cluster, "cluster");
        this.service = requireText(service, "service");
    }

    /**
     * @param cluster the cluster's name or ARN
     * @param service the service's name or ARN
     * @throws IllegalArgumentException when either is blank
     */
    public static EcsService of(String cluster, String service) {
        return new EcsService(cluster, service);
    }

    public String cluster() {
        return cluster;
    }

    public String service() {
        return service;
    }

    @Override
    public String displayName() {
        return "ecs:" + shortName(cluster) + "/" + shortName(service);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcsService that && cluster.equals(that.cluster) && service.equals(that.service);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, service);
    }

    @Override
    public String toString() {
        return displayName();
    }

    private static String shortName(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
