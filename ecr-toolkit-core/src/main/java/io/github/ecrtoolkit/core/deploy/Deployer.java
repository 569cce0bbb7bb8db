package io.github.ecrtoolkit.core.deploy;

import java.util.function.Consumer;

/**
 * Rolls an image out to a target and reports the truth about it. The ECS deployer (module
 * {@code ecr-toolkit-ecs}) and the EKS deployer (module {@code ecr-toolkit-eks}) implement it, so
 * switching platforms is one line, and each returns its own, richer result without redeclaring
 * the convenience overloads:
 *
 * <pre>{@code
 * try (Deployer<EcsService, EcsDeployResult> deployer = EcsDeployer.create()) {
 *     EcsDeployResult result = deployer.deploy(EcsService.of("prod", "orders"), pushed.imageUri(),
 *             opts -> opts.container("web").timeout(Duration.ofMinutes(10)));
 * }
 * }</pre>
 *
 * <p>Code that works with any platform uses wildcards: {@code Deployer<T, ?>} gives a plain
 * {@link DeployResult}.
 *
 * <p>Implementations are thread-safe; one deployer may run several deploys at once. A deploy
 * blocks until the rollout settles or the timeout passes. Closing a deployer closes the clients
 * it created, never the ones the caller passed in.
 *
 * @param <T> the kind of target
 * @param <R> the kind of result the deployer returns
 */
public interface Deployer<T extends DeployTarget, R extends DeployResult> extends AutoCloseable {

    /**
     * Rolls {@code image} out to {@code target}.
     *
     * @return the outcome; a rollout that fails, rolls back or times out is a result, not an exception
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the deploy cannot start (target
     *         missing, unknown container, credentials refused); nothing was changed then
     * @throws IllegalArgumentException when the image reference is blank
     */
    R deploy(T target, String image, DeployOptions options);

    /**
     * Same as {@link #deploy(DeployTarget, String, DeployOptions)} with {@link DeployOptions#defaults()}.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException as
     *         {@link #deploy(DeployTarget, String, DeployOptions)} does
     */
    default R deploy(T target, String image) {
        return deploy(target, image, DeployOptions.defaults());
    }

    /**
     * Same as {@link #deploy(DeployTarget, String, DeployOptions)}, options set on a builder.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException as
     *         {@link #deploy(DeployTarget, String, DeployOptions)} does
     */
    default R deploy(T target, String image, Consumer<DeployOptions.Builder> options) {
        DeployOptions.Builder builder = DeployOptions.builder();
        options.accept(builder);
        return deploy(target, image, builder.build());
    }

    /** Closes the clients the deployer created; never one the caller passed in. */
    @Override
    void close();
}
