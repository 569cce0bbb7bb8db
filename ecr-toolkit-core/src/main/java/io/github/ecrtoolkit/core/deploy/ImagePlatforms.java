package io.github.ecrtoolkit.core.deploy;

import java.util.List;
import java.util.Objects;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * Tells a deployer which platforms an image runs on, so that it can refuse, before changing
 * anything, an image the target cannot run (an amd64-only image for an arm64 Fargate service or a
 * Graviton node group would otherwise fail with {@code exec format error} once the rollout started).
 *
 * <pre>{@code
 * try (Registry registry = Registry.ecr(Region.EU_WEST_1);
 *      EcsDeployer deployer = EcsDeployer.builder().imagePlatforms(ImagePlatforms.from(registry)).build()) {
 *     deployer.deploy(EcsService.of("prod", "orders"), pushed.imageUri());   // PlatformMismatchException first, if it cannot run
 * }
 * }</pre>
 *
 * <p>An empty list means "not known": the deployer then checks nothing. Implementations are called
 * once per deploy and may read a registry.
 */
@FunctionalInterface
public interface ImagePlatforms {

    /** Knows nothing: no check. */
    ImagePlatforms UNKNOWN = image -> List.of();

    /**
     * The platforms {@code image} runs on; empty when not known.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the image cannot be read (the deploy then stops, unchanged)
     */
    List<Platform> of(String image);

    /**
     * Reads an image's platforms from {@code registry} (its index, or its config) when the image
     * lives there; images of other registries are not known. The registry is not closed by us.
     */
    static ImagePlatforms from(Registry registry) {
        Objects.requireNonNull(registry, "registry");
        return image -> registry.holds(image) ? registry.platformsOf(image) : List.of();
    }
}
