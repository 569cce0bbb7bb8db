package io.github.ecrtoolkit.core.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * What a daemonless build of a Dockerfile does on top of its base image: the layers to add, the
 * resulting container configuration and the history entries, in order. Made by
 * {@link DockerfilePlanner#plan(ContainerConfig)}.
 *
 * <pre>{@code
 * BuildPlan plan = planner.plan(baseConfig);
 * for (LayerSpec layer : plan.layers()) { LayerBlob blob = writer.write(layer, blobs); ... }
 * config.put("config", plan.config());
 * }</pre>
 *
 * @param base           the {@code FROM} of the built stage (or where its chain of stages begins)
 * @param layers         one per {@code COPY}/{@code ADD}, in order (earlier chained stages first)
 * @param config         the base image's container configuration with this Dockerfile's changes
 * @param history        one entry per instruction after {@code FROM} (except {@code ARG}), in order;
 *                       the non-empty ones correspond one to one to {@link #layers}
 * @param author         from {@code MAINTAINER}, the image config's {@code author}
 * @param args           build arguments in scope at the end of the stage, with their values
 * @param unusedBuildArgs build arguments the caller gave that no {@code ARG} declared (Docker warns)
 */
public record BuildPlan(BaseImage base, List<LayerSpec> layers, ContainerConfig config, List<HistoryEntry> history,
        Optional<String> author, Map<String, String> args, Set<String> unusedBuildArgs) {

    public BuildPlan {
        Objects.requireNonNull(base, "base");
        layers = List.copyOf(layers);
        Objects.requireNonNull(config, "config");
        history = List.copyOf(history);
        Objects.requireNonNull(author, "author");
        args = Map.copyOf(args);
        unusedBuildArgs = Set.copyOf(unusedBuildArgs);
    }

    /** Build argument values may be secrets: names only. */
    @Override
    public String toString() {
        return "BuildPlan[base=" + base + ", layers=" + layers + ", config=" + config + ", history=" + history.size()
                + " entries, author=" + author.orElse("") + ", args=" + args.keySet() + ", unusedBuildArgs=" + unusedBuildArgs + "]";
    }

    /**
     * One entry of the image config's {@code history}.
     *
     * @param createdBy  the instruction, e.g. {@code COPY target/app.jar /app/app.jar}
     * @param emptyLayer whether the instruction added no layer
     */
    public record HistoryEntry(String createdBy, boolean emptyLayer) {
        public HistoryEntry {
            Objects.requireNonNull(createdBy, "createdBy");
        }
    }
}
