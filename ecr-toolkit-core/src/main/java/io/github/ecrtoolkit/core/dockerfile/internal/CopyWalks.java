package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.layer.EntryOptions;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * The layers the {@code COPY} instructions of one build walked, shared by the planners of its
 * platforms: a {@code COPY} that comes out the same for another platform — the same sources found,
 * the same destination and options — is the same layer, so its folders are walked once per build,
 * not once per platform. A planner never reuses its own walks: each of its plans stats afresh.
 */
public final class CopyWalks {

    /** What decides a {@code COPY}'s layer, the files aside. */
    record Copy(String instruction, List<String> sources, String destination, boolean intoDirectory, EntryOptions options) {

        // Written out, not left to the record: the generated ones bootstrap method handles on first
        // use, some 20 classes and milliseconds of a short push.
        @Override
        public boolean equals(Object o) {
            return o instanceof Copy c && instruction.equals(c.instruction) && sources.equals(c.sources)
                    && destination.equals(c.destination) && intoDirectory == c.intoDirectory && options.equals(c.options);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instruction, sources, destination, intoDirectory, options);
        }
    }

    /** A layer and the planner that walked it. */
    private record Walked(Object planner, LayerSpec layer) {
    }

    private final Map<Copy, Walked> walked = new ConcurrentHashMap<>();

    /** The layer of {@code copy}: walked by another planner of this build already, else by {@code walk} now. */
    LayerSpec layer(Object planner, Copy copy, Supplier<LayerSpec> walk) {
        Walked earlier = walked.get(copy);
        if (earlier != null && earlier.planner() != planner) {
            return earlier.layer();
        }
        LayerSpec layer = Objects.requireNonNull(walk.get());
        walked.put(copy, new Walked(planner, layer));
        return layer;
    }
}
