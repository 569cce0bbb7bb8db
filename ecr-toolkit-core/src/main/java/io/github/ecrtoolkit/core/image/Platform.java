package io.github.ecrtoolkit.core.image;

import java.util.Locale;
import java.util.Optional;

/**
 * An image platform such as {@code linux/amd64} or {@code linux/arm64/v8}.
 *
 * <pre>{@code
 * Platform p = Platform.parse("linux/arm64");
 * }</pre>
 *
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param variant      e.g. {@code v8}, when the architecture has variants
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    /** The platform used when none is asked for: {@code linux/amd64}. */
    public static final Platform DEFAULT = new Platform("linux", "amd64", Optional.empty());

    public Platform {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            throw new InvalidReferenceException("platform needs an os and an architecture, e.g. linux/amd64");
        }
        variant = variant == null ? Optional.empty() : variant.filter(v -> !v.isBlank());
    }

    /**
     * Parses {@code os/arch[/variant]}.
     *
     * @throws InvalidReferenceException when the text is not of that form
     */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new InvalidReferenceException("invalid platform '" + text + "'; expected os/arch[/variant], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** Whether a manifest-list entry for {@code other} serves this platform (a missing variant matches any). */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant.isEmpty() || other.variant.isEmpty() || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
