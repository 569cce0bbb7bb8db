package io.github.ecrtoolkit.core.deploy.internal;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformsUnavailableException;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * The one place where a deployer asks for an image's platforms: a lookup that could not read them
 * ({@link PlatformsUnavailableException}) skips the check with a WARN line saying why and that the
 * deploy goes on; any other failure stops the deploy.
 *
 * <pre>{@code
 * List<Platform> platforms = PlatformLookup.platformsOrSkip(lookup, image, why -> events.emit(new PlatformCheckSkipped(now, image, why)));
 * }</pre>
 */
@InternalApi
public final class PlatformLookup {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformLookup.class);

    private PlatformLookup() {
    }

    /**
     * The platforms of {@code image}; empty when not known, or when they could not be read (then
     * {@code skipped} hears why, after the WARN line).
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the lookup says the image cannot be
     *         deployed (it does not exist, say)
     */
    public static List<Platform> platformsOrSkip(ImagePlatforms lookup, String image, Consumer<String> skipped) {
        try {
            return lookup.of(image);
        } catch (PlatformsUnavailableException e) {
            String why = e.getMessage();
            LOG.warn("platform check skipped, the deploy goes on (the cluster pulls with its own role, which may see what "
                    + "these credentials cannot): {}", why);
            skipped.accept(why);
            return List.of();
        }
    }
}
