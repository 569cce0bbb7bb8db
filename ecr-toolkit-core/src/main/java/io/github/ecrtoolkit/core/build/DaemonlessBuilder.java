package io.github.ecrtoolkit.core.build;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.build.internal.DockerfileImage;
import io.github.ecrtoolkit.core.build.internal.PushSteps;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;

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
            DockerfileImage.planner(request).check();
            return BuildSupport.yes();
        } catch (DockerfileException e) {
            if (DockerfileException.USE_DOCKER_ENGINE.equals(e.hint().orElse(null))) {
                return BuildSupport.no(e.getMessage());
            }
            throw e;
        }
    }

    /** Yes: one image per platform and an image index over them, shared layers written and pushed once. */
    @Override
    public boolean buildsSeveralPlatforms() {
        return true;
    }

    /**
     * Builds and pushes through {@code target}'s registry, with the default compression and layer
     * cache (a build from {@link io.github.ecrtoolkit.core.Registry#build} uses its own settings).
     */
    @Override
    public PushResult buildAndPush(BuildRequest request, PushTarget target) {
        RegistrySession session = RegistrySession.of(target.registry());
        if (request.isMultiPlatform()) {
            return PushSteps.assembleAndPushIndex(session, request.tags(), target.listener(), LayerSettings.defaults(),
                    settings -> DockerfileImage.assembleIndex(request, session::client, target.listener(), settings));
        }
        return PushSteps.assembleAndPush(session, request.tags(), target.listener(), LayerSettings.defaults(),
                settings -> DockerfileImage.assemble(request, session::client, target.listener(), settings));
    }
}
