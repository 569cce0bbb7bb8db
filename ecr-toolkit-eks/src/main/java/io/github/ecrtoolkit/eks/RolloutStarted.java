package io.github.ecrtoolkit.eks;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The deployer patched the workload's pod template.
 *
 * @param images the new image per container name
 * @param previousRevision the revision that served before
 */
public record RolloutStarted(Instant time, EksWorkload workload, Map<String, String> images,
        Optional<String> previousRevision) implements EksEvent {

    public RolloutStarted {
        images = Map.copyOf(images);
    }

    @Override
    public String message() {
        return "rolling out " + images + " to " + workload.displayName()
                + previousRevision.map(r -> " (was revision " + r + ")").orElse("");
    }
}
