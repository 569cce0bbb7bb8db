package io.github.ecrtoolkit.core.deploy;

/**
 * What a {@link Deployer} rolls an image out to: an ECS service, an EKS Deployment, ...
 * Implementations are immutable values.
 */
public interface DeployTarget {

    /** A short, human-readable name such as {@code ecs:prod/orders} or {@code eks:prod/shop/web}. */
    String displayName();
}
