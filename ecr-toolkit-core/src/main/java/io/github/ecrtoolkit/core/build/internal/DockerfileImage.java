package io.github.ecrtoolkit.core.build.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.dockerfile.BaseImage;
import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.DockerfilePlanner;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.image.internal.ContainerConfigJson;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;

/**
 * A Dockerfile built without a daemon: plans it, resolves its base (only the config is fetched),
 * writes the layers and assembles the image. A scratch image's config is written without a JSON
 * library ({@link ScratchConfig}), as for an image set in code.
 */
public final class DockerfileImage {

    private DockerfileImage() {
    }

    /** The planner of {@code request}'s Dockerfile for its one platform. */
    public static DockerfilePlanner planner(BuildRequest request) {
        return planner(request, request.platformsOrDefault().get(0));
    }

    /** The planner of {@code request}'s Dockerfile for {@code platform} (its {@code TARGETARCH} and the like). */
    static DockerfilePlanner planner(BuildRequest request, Platform platform) {
        DockerfilePlanner.Builder b = DockerfilePlanner.builder(request.contextDir()).dockerfile(request.dockerfile())
                .buildArgs(request.buildArgs()).platform(platform.toString());
        request.target().ifPresent(b::target);
        return b.build();
    }

    /**
     * Plans, resolves the base through {@code clients}, writes the layers and assembles the image of
     * {@code request}'s one platform. Close the result.
     *
     * @throws io.github.ecrtoolkit.core.dockerfile.DockerfileException when the Dockerfile cannot be built without a daemon or is wrong
     */
    public static Assembly assemble(BuildRequest request, Function<String, RegistryClient> clients, ProgressListener listener,
                                    LayerSettings layerSettings) {
        Workspace workspace = Workspace.create();
        try {
            Platform platform = request.platformsOrDefault().get(0);
            return new Assembly(assemble(request, platform, clients, listener, layerSettings, workspace.dir()).image(), workspace);
        } catch (RuntimeException | Error e) {
            workspace.close();
            throw e;
        }
    }

    /**
     * One image per platform of {@code request}, planned for each ({@code ARG TARGETARCH} and the
     * like take that platform's values) and the index over them. Close the result.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when a platform cannot be built, e.g. the base lacks it
     */
    public static IndexAssembly assembleIndex(BuildRequest request, Function<String, RegistryClient> clients, ProgressListener listener,
                                              LayerSettings layerSettings) {
        // the platforms' planners share their walks: a COPY the same for every platform walks its folders once
        DockerfilePlanner first = planner(request, request.platformsOrDefault().get(0));
        return PlatformBuilds.assemble(request.platformsOrDefault(), listener,
                (platform, dir, events) -> assemble(request, first.forPlatform(platform.toString()), clients, events, layerSettings, dir));
    }

    private static AssembledIndex.PlatformImage assemble(BuildRequest request, Platform asked, Function<String, RegistryClient> clients,
                                                         ProgressListener listener, LayerSettings layerSettings, java.nio.file.Path dir) {
        return assemble(request, planner(request, asked), clients, listener, layerSettings, dir);
    }

    private static AssembledIndex.PlatformImage assemble(BuildRequest request, DockerfilePlanner planner,
                                                         Function<String, RegistryClient> clients, ProgressListener listener,
                                                         LayerSettings layerSettings, java.nio.file.Path dir) {
        BaseImage from = planner.base();
        Platform platform = Platform.parse(from.platform());
        Optional<ResolvedBase> base = from.image().map(ref -> {
            ImageReference reference = ImageReference.parse(ref);
            listener.onEvent(new ProgressEvent.BuildStep("FROM " + reference + " (" + platform + ")"));
            return ResolvedBase.resolve(reference, platform, clients.apply(reference.registry()));
        });
        ContainerConfig baseConfig = base.map(b -> toContainerConfig(b.config().get("config"))).orElse(ContainerConfig.empty());
        BuildPlan plan = planner.plan(baseConfig);
        List<NewLayer> layers = LayerWriting.write(plan.layers(), base, dir, listener,
                base.isPresent() ? layerSettings : layerSettings.withoutJson());
        List<ImageAssembler.History> history = plan.history().stream()
                .map(h -> new ImageAssembler.History(h.createdBy(), h.emptyLayer())).toList();
        Instant created = LayerWriting.created();
        AssembledImage image = base.isPresent() ? withJackson(base, request, plan, platform, layers, history, created)
                : scratch(request, plan, platform, layers, history, created);
        return new AssembledIndex.PlatformImage(base.flatMap(ResolvedBase::platform).orElse(platform), image);
    }

    /** The image over its base, the config made with the JSON library from the base's. */
    static AssembledImage withJackson(Optional<ResolvedBase> base, BuildRequest request, BuildPlan plan, Platform platform,
                                      List<NewLayer> layers, List<ImageAssembler.History> history, Instant created) {
        ObjectNode newConfig = ImageJson.mapper().valueToTree(configOf(plan, request));
        return ImageAssembler.assemble(base, platform, layers, before -> newConfig, history, plan.author(), created);
    }

    /** The image on scratch, its config written without a JSON library: the same bytes as {@link #withJackson}. */
    static AssembledImage scratch(BuildRequest request, BuildPlan plan, Platform platform, List<NewLayer> layers,
                                  List<ImageAssembler.History> history, Instant created) {
        ContainerConfig config = configOf(plan, request);
        return AssembledImage.of(MediaTypes.OCI_MANIFEST, List.of(), layers,
                ScratchConfig.write(platform, plan.author(), created, w -> ContainerConfigJson.write(config, w), layers, history));
    }

    private static ContainerConfig configOf(BuildPlan plan, BuildRequest request) {
        ContainerConfig.Builder config = plan.config().toBuilder();
        request.labels().forEach(config::label);
        return config.build();
    }

    private static ContainerConfig toContainerConfig(JsonNode config) {
        if (config == null || config.isNull()) {
            return ContainerConfig.empty();
        }
        try {
            return ImageJson.mapper().treeToValue(config, ContainerConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BuildException("cannot read the base image's container config: " + e.getOriginalMessage(), e);
        }
    }
}
