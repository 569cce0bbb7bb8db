package io.github.ecrtoolkit.core.deploy;

import java.util.List;
import java.util.Objects;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.image.Platform;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Tells a deployer which platforms an image runs on, so that it can refuse, before changing
 * anything, an image the target cannot run (an amd64-only image for an arm64 Fargate service or a
 * Graviton node group would otherwise fail with {@code exec format error} once the rollout started).
 *
 * <p>The deployers check by default: images on Amazon ECR are read with the deployer's own AWS
 * credentials ({@link #ecr(AwsCredentialsProvider)}); images elsewhere are not known unless you
 * give a lookup for their registry; {@link #UNKNOWN} turns the check off.
 *
 * <pre>{@code
 * try (Registry registry = Registry.of("registry.example.com", credentials);
 *      EcsDeployer deployer = EcsDeployer.builder().imagePlatforms(ImagePlatforms.from(registry)).build()) {
 *     deployer.deploy(EcsService.of("prod", "orders"), pushed.imageUri());   // PlatformMismatchException first, if it cannot run
 * }
 * }</pre>
 *
 * <p>An empty list means "not known": the deployer then checks nothing. A lookup that throws
 * {@link PlatformsUnavailableException} (access denied, registry out of reach) makes the deployer
 * skip the check with a warning; any other exception stops the deploy unchanged. Implementations
 * are called once per deploy and may read a registry.
 */
@FunctionalInterface
public interface ImagePlatforms {

    /** Knows nothing: no check. */
    ImagePlatforms UNKNOWN = image -> List.of();

    /**
     * The platforms {@code image} runs on; empty when not known.
     *
     * @throws PlatformsUnavailableException when they cannot be read for a reason that says nothing
     *         against the image (the deployer skips the check, with a warning)
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the image cannot be read, e.g. it does
     *         not exist (the deploy then stops, unchanged)
     */
    List<Platform> of(String image);

    /**
     * Reads the platforms of images on Amazon ECR with {@code credentials} (not closed by us); images
     * elsewhere are not known. See {@link EcrImagePlatforms} for how it fails.
     */
    static ImagePlatforms ecr(AwsCredentialsProvider credentials) {
        return EcrImagePlatforms.builder().credentialsProvider(credentials).build();
    }

    /** {@link #ecr(AwsCredentialsProvider)} with the AWS default credential chain. */
    static ImagePlatforms ecr() {
        return EcrImagePlatforms.builder().build();
    }

    /**
     * Reads an image's platforms from {@code registry} (its index, or its config) when the image
     * lives there; images of other registries are not known. The registry is not closed by us.
     */
    static ImagePlatforms from(Registry registry) {
        Objects.requireNonNull(registry, "registry");
        return image -> registry.holds(image) ? registry.platformsOf(image) : List.of();
    }
}
