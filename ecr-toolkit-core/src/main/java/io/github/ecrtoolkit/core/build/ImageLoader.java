package io.github.ecrtoolkit.core.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Something that takes a {@code docker load} tarball: a Docker Engine ({@code DockerEngine} of
 * module {@code ecr-toolkit-docker} is one). See {@code ImageBuild.loadInto(ImageLoader)}.
 *
 * <pre>{@code
 * try (DockerEngine engine = DockerEngine.fromEnvironment()) {
 *     Image.build(Path.of("app")).tag("app:dev").loadInto(engine);      // then: docker run app:dev
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ImageLoader {

    /**
     * Loads the images of {@code tarball}.
     *
     * @return the names the loader now knows them by, e.g. {@code app:dev}
     */
    List<String> load(Path tarball);
}
