package io.github.ecrtoolkit.core.deploy;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * An {@link ImagePlatforms} lookup could not read an image's platforms for a reason that says
 * nothing against the image: the registry refused these credentials, was out of reach, or kept
 * throttling. A deployer then skips the platform check — with a WARN log line and an event saying
 * why — and goes on: ECS and EKS pull with their own role, which may be allowed what the caller is
 * not. Any other exception from a lookup stops the deploy before anything is changed.
 *
 * <pre>{@code
 * ImagePlatforms mine = image -> {
 *     try { return catalog.platformsOf(image); }
 *     catch (IOException e) { throw new PlatformsUnavailableException(Reason.UNAVAILABLE, "catalog down: " + e.getMessage(), e); }
 * };
 * }</pre>
 */
public class PlatformsUnavailableException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason  {@code ACCESS_DENIED}, {@code UNAVAILABLE} or {@code FAILED}, as the cause says
     * @param message why the platforms could not be read; no secret in it
     */
    public PlatformsUnavailableException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
