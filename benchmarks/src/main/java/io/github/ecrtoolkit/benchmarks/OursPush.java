package io.github.ecrtoolkit.benchmarks;

import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.cache.LayerCache;
import java.nio.file.Path;

/**
 * The same image built and pushed with ecr-toolkit's public API, with the default compression:
 * set in code (three layers and an entrypoint), or from the application folder as a Dockerfile
 * context (its {@code Dockerfile} copies the same three folders, see {@link InputLayout#DOCKERFILE}).
 */
final class OursPush {

    private OursPush() {
    }

    static String push(BenchRegistry registry, Path app, Path cache, String target, String base, boolean dockerfile) {
        return push(registry, app, cache, target, base, dockerfile, 1);
    }

    /**
     * With {@code platforms} 2: {@code linux/amd64} and {@code linux/arm64} under one image index,
     * the application's layers shared (they are the same files for both).
     */
    static String push(BenchRegistry registry, Path app, Path cache, String target, String base, boolean dockerfile, int platforms) {
        try (Registry r = Registry.builder()
                .host(registry.host())
                .credentials(RegistryCredentials.basic(registry.username(), registry.password()))
                .allowInsecureLoopback(true)
                .build()) {
            ImageBuild build = r.build(app);
            if (dockerfile) {
                if (base != null) {
                    build.buildArg("BASE", base);
                }
            } else {
                if (base != null) {
                    build.from(base);
                }
                build.layer(app.resolve("libs"), "/app/libs")
                        .layer(app.resolve("resources"), "/app/resources")
                        .layer(app.resolve("classes"), "/app/classes")
                        .entrypoint("java", "-cp", "/app/classes:/app/resources:/app/libs/*", "Main");
            }
            if (platforms == 2) {
                build.platforms("linux/amd64", "linux/arm64");
            }
            PushResult result = build
                    .layerCache(LayerCache.at(cache.resolve("ours")))
                    .tag(target)
                    .push();
            return result.digest().toString();
        }
    }
}
