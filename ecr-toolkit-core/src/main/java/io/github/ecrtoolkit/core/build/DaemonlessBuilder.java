package io.github.ecrtoolkit.core.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.build.internal.Assembly;
import io.github.ecrtoolkit.core.build.internal.ImageAssembler;
import io.github.ecrtoolkit.core.build.internal.ImagePusher;
import io.github.ecrtoolkit.core.build.internal.LayerWriting;
import io.github.ecrtoolkit.core.build.internal.NewLayer;
import io.github.ecrtoolkit.core.build.internal.ResolvedBase;
import io.github.ecrtoolkit.core.build.internal.Workspace;
import io.github.ecrtoolkit.core.dockerfile.BaseImage;
import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.DockerfilePlanner;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;

/**
 * Builds Dockerfiles without a daemon: {@code FROM} an image in a registry (only its config is
 * fetched; base layers go registry to registry) or {@code scratch}, {@code COPY}/{@code ADD} as
 * reproducible layers, config instructions applied. Refuses {@code RUN} and whatever else needs a
 * container, naming the line.
 *
 * <pre>{@code
 * registry.build(Path.of("app")).builder(new DaemonlessBuilder()).tag("app:1").push();
 * }</pre>
 *
 * <p>Stateless and thread-safe. {@link io.github.ecrtoolkit.core.Registry#build} uses it whenever it can.
 */
public final class DaemonlessBuilder implements ImageBuilder {

    @Override
    public String name() {
        return "daemonless";
    }

    /**
     * Supported unless the Dockerfile needs a container ({@code RUN}, …); the reason names the line.
     *
     * @throws DockerfileException when the Dockerfile is missing or malformed, or copies files that are not there
     */
    @Override
    public BuildSupport supports(BuildRequest request) {
        try {
            planner(request).check();
            return BuildSupport.yes();
        } catch (DockerfileException e) {
            if (DockerfileException.USE_DOCKER_ENGINE.equals(e.hint().orElse(null))) {
                return BuildSupport.no(e.getMessage());
            }
            throw e;
        }
    }

    /** Builds and pushes through fresh connections to {@code target}'s registry. */
    @Override
    public PushResult buildAndPush(BuildRequest request, PushTarget target) {
        List<RegistryClient> opened = new ArrayList<>();
        Function<String, RegistryClient> clients = host -> {
            RegistryCredentialsProvider creds = host.equals(target.registryHost()) ? target.credentials()
                    : RegistryCredentialsProvider.of(io.github.ecrtoolkit.core.RegistryCredentials.anonymous());
            RegistryClient c = RegistryClient.create(host, creds, target.insecure() && ImageReference.isLoopbackHost(host), 8,
                    RetryPolicy.DEFAULT);
            opened.add(c);
            return c;
        };
        try (Assembly assembly = assemble(request, clients, target.listener())) {
            return ImagePusher.push(assembly.image(), clients.apply(target.registryHost()), request.tags(), target.listener());
        } finally {
            opened.forEach(RegistryClient::close);
        }
    }

    /**
     * Plans the Dockerfile, resolves the base, writes the layers and assembles the image. Close the result.
     *
     * @throws DockerfileException when the Dockerfile cannot be built without a daemon or is wrong
     */
    public Assembly assemble(BuildRequest request, Function<String, RegistryClient> clients, ProgressListener listener) {
        return assemble(request, clients, listener, io.github.ecrtoolkit.core.cache.internal.LayerSettings.defaults());
    }

    /** {@link #assemble(BuildRequest, Function, ProgressListener)} with the given compression and layer cache. */
    public Assembly assemble(BuildRequest request, Function<String, RegistryClient> clients, ProgressListener listener,
                             io.github.ecrtoolkit.core.cache.internal.LayerSettings layerSettings) {
        DockerfilePlanner planner = planner(request);
        BaseImage from = planner.base();
        Platform platform = Platform.parse(from.platform());
        Optional<ResolvedBase> base = from.image().map(ref -> {
            ImageReference reference = ImageReference.parse(ref);
            listener.onEvent(new io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep("FROM " + reference + " (" + platform + ")"));
            return ResolvedBase.resolve(reference, platform, clients.apply(reference.registry()));
        });
        ContainerConfig baseConfig = base.map(b -> toContainerConfig(b.config().get("config"))).orElse(ContainerConfig.empty());
        BuildPlan plan = planner.plan(baseConfig);
        Workspace workspace = Workspace.create();
        try {
            List<NewLayer> layers = LayerWriting.write(plan.layers(), workspace.dir(), listener, layerSettings);
            List<ImageAssembler.History> history = plan.history().stream()
                    .map(h -> new ImageAssembler.History(h.createdBy(), h.emptyLayer())).toList();
            ContainerConfig.Builder configBuilder = plan.config().toBuilder();
            request.labels().forEach(configBuilder::label);
            ObjectNode newConfig = ImageJson.mapper().valueToTree(configBuilder.build());
            return new Assembly(ImageAssembler.assemble(base, platform, layers, before -> newConfig, history, plan.author(),
                    LayerWriting.created()), workspace);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
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

    private static DockerfilePlanner planner(BuildRequest request) {
        DockerfilePlanner.Builder b = DockerfilePlanner.builder(request.contextDir()).dockerfile(request.dockerfile())
                .buildArgs(request.buildArgs()).platform(request.platformOrDefault().toString());
        request.target().ifPresent(b::target);
        return b.build();
    }
}
