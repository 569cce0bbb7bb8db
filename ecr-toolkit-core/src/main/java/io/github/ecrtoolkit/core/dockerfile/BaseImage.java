package io.github.ecrtoolkit.core.dockerfile;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code FROM} of the stage being built, with build arguments substituted.
 *
 * @param reference image reference as written (after substitution), or {@code scratch}
 * @param platform  the platform to resolve it for: {@code FROM --platform} if given, else the
 *                  build's target platform, e.g. {@code linux/amd64}
 * @param line      line of the {@code FROM} instruction
 */
public record BaseImage(String reference, String platform, int line) {

    /** Reference of the empty base. */
    public static final String SCRATCH = "scratch";

    public BaseImage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(platform, "platform");
    }

    /** Whether the stage starts from nothing ({@code FROM scratch}). */
    public boolean isScratch() {
        return reference.equalsIgnoreCase(SCRATCH);
    }

    /** The reference to pull, empty for {@code scratch}. */
    public Optional<String> image() {
        return isScratch() ? Optional.empty() : Optional.of(reference);
    }
}
