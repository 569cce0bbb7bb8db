package io.github.ecrtoolkit.core.build;

import io.github.ecrtoolkit.core.PushResult;

/**
 * Builds an image from a context folder and pushes it: the SPI behind
 * {@link io.github.ecrtoolkit.core.Registry#build(java.nio.file.Path)}. The daemonless builder in
 * core handles Dockerfiles without {@code RUN}; the Docker Engine builder (module
 * {@code ecr-toolkit-docker}) handles the rest. Implementations are found with
 * {@link java.util.ServiceLoader} or passed explicitly:
 *
 * <pre>{@code
 * registry.build(Path.of("app")).builder(myBuilder).tag("app:1").push();
 * }</pre>
 *
 * <p>Implementations are thread-safe. Register one in
 * {@code META-INF/services/io.github.ecrtoolkit.core.build.ImageBuilder}; it needs a public
 * no-argument constructor then.
 */
public interface ImageBuilder {

    /** A short name for messages, e.g. {@code daemonless} or {@code docker-engine}. */
    String name();

    /**
     * Whether this builder can build {@code request} here and now, and if not, why. Cheap: reads
     * the Dockerfile or pings an engine, builds nothing.
     */
    BuildSupport supports(BuildRequest request);

    /**
     * Whether this builder builds several platforms into one image index. A builder that does not is
     * never given a request for several ({@link BuildRequest#isMultiPlatform()}): the build is refused
     * with its name instead of quietly building one platform.
     */
    default boolean buildsSeveralPlatforms() {
        return false;
    }

    /**
     * Builds the image and pushes it under every tag of {@code request}.
     *
     * @return digest, pinned references and per-layer results
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the build or push fails; no tag
     *         then points at an incomplete image
     */
    PushResult buildAndPush(BuildRequest request, PushTarget target);
}
