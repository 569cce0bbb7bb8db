package io.github.ecrtoolkit.eks;

import java.time.Instant;
import java.util.Objects;

/**
 * The image's platforms could not be read (access denied, registry out of reach), so they were not
 * compared with the nodes'; the deploy went on, as the nodes pull with their own role.
 *
 * @param reason why they could not be read
 */
public record PlatformCheckSkipped(Instant time, EksWorkload workload, String image, String reason) implements EksEvent {

    public PlatformCheckSkipped {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String message() {
        return "platform check skipped for " + image + " on " + workload.displayName() + ", deploying anyway: " + reason;
    }
}
