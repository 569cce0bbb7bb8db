package io.github.ecrtoolkit.core.build;

import java.util.Objects;

/**
 * Whether an {@link ImageBuilder} can build a request, and why not.
 *
 * @param supported whether it can
 * @param reason    why (not), for the user, e.g. {@code "Dockerfile line 4: RUN needs a Docker Engine"}
 */
public record BuildSupport(boolean supported, String reason) {

    public BuildSupport {
        Objects.requireNonNull(reason, "reason");
    }

    public static BuildSupport yes() {
        return new BuildSupport(true, "supported");
    }

    public static BuildSupport no(String reason) {
        return new BuildSupport(false, reason);
    }
}
