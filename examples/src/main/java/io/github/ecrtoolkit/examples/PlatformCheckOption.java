package io.github.ecrtoolkit.examples;

import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import picocli.CommandLine.Option;

/**
 * {@code --skip-platform-check}: the deploy commands compare an ECR image's platforms with the
 * target's before changing anything, unless told not to.
 */
final class PlatformCheckOption {

    @Option(names = "--skip-platform-check",
            description = "Do not read the image's platforms from ECR and compare them with the target's before deploying "
                    + "(by default an image the target cannot run is refused, and a missing one too).")
    boolean skip;

    /** What to give the deployer's {@code imagePlatforms(..)}: nothing (its ECR default), or no check. */
    Optional<ImagePlatforms> override() {
        return skip ? Optional.of(ImagePlatforms.UNKNOWN) : Optional.empty();
    }
}
