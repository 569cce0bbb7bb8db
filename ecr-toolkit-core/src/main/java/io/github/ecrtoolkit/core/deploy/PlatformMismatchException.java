package io.github.ecrtoolkit.core.deploy;

import java.util.List;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * The image cannot run where it is being deployed: it was built for other platforms than the
 * target runs (an ECS task definition's {@code runtimePlatform}, an EKS cluster's nodes). Thrown
 * before anything was registered or patched. Its {@link #reason()} is {@link Reason#INVALID_INPUT}:
 * build the image for the target's platforms ({@code platforms("linux/amd64", "linux/arm64")}) or
 * deploy it where it runs.
 */
public class PlatformMismatchException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final List<Platform> imagePlatforms;
    private final List<Platform> targetPlatforms;

    /**
     * @param image           the image reference
     * @param imagePlatforms  what it was built for
     * @param target          where it was to run, e.g. {@code ECS service prod/orders (runtimePlatform ARM64)}
     * @param targetPlatforms the platforms there it does not serve
     */
    public PlatformMismatchException(String image, List<Platform> imagePlatforms, String target, List<Platform> targetPlatforms) {
        super(Reason.INVALID_INPUT, "image " + image + " is built for " + names(imagePlatforms) + ", but " + target + " runs "
                + names(targetPlatforms) + "; nothing was changed. Build it for " + names(targetPlatforms) + " too (e.g. platforms(\""
                + String.join("\", \"", union(imagePlatforms, targetPlatforms)) + "\"), or --platform "
                + String.join(",", union(imagePlatforms, targetPlatforms)) + "), or deploy it where it runs");
        this.imagePlatforms = List.copyOf(imagePlatforms);
        this.targetPlatforms = List.copyOf(targetPlatforms);
    }

    /** The platforms the image was built for. */
    public List<Platform> imagePlatforms() {
        return imagePlatforms;
    }

    /** The target's platforms the image does not serve. */
    public List<Platform> targetPlatforms() {
        return targetPlatforms;
    }

    private static String names(List<Platform> platforms) {
        return String.join(", ", platforms.stream().map(Platform::toString).toList());
    }

    private static List<String> union(List<Platform> a, List<Platform> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).map(Platform::toString).distinct().toList();
    }

    /**
     * Refuses {@code image} unless it serves every platform of {@code targetPlatforms}; nothing is
     * checked when either list is empty (not known).
     *
     * @throws PlatformMismatchException naming what the image has and what the target runs
     */
    public static void requireRuns(String image, List<Platform> imagePlatforms, String target, List<Platform> targetPlatforms) {
        if (imagePlatforms.isEmpty() || targetPlatforms.isEmpty()) {
            return;
        }
        List<Platform> missing = targetPlatforms.stream().distinct()
                .filter(t -> imagePlatforms.stream().noneMatch(t::matches)).toList();
        if (!missing.isEmpty()) {
            throw new PlatformMismatchException(image, imagePlatforms, target, missing);
        }
    }
}
