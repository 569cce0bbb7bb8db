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
     * The platform a container runs on here: {@code linux/amd64} on x86-64, {@code linux/arm64} on
     * AArch64 (the JVM's {@code os.arch} in Go's names; always Linux, as Docker Desktop runs a Linux
     * machine of the same architecture).
     */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String goArch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> arch;
        };
        return new Platform("linux", goArch, Optional.empty());
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
