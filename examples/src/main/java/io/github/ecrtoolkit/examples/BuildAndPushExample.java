package io.github.ecrtoolkit.examples;

import java.nio.file.Path;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.ecr.RepositoryOptions;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.docker.BuiltImage;
import io.github.ecrtoolkit.docker.DockerEngine;
import io.github.ecrtoolkit.docker.DockerEngineBuilder;
import io.github.ecrtoolkit.docker.DockerHost;
import software.amazon.awssdk.regions.Region;

/**
 * The README's "Build and push", "Build with a Docker Engine" and "Performance" snippets, compiled
 * so that they keep matching the API. Not a command: each method is one snippet.
 */
final class BuildAndPushExample {

    private BuildAndPushExample() {
    }

    static PushResult toEcr() {
        try (Registry registry = Registry.ecr(Region.EU_WEST_1)) {
            PushResult r = registry.build(Path.of("orders-service"))
                    .buildArg("VERSION", "1.4.2")
                    .tag("orders:1.4.2").tag("orders:latest")
                    .createRepository(RepositoryOptions.builder().immutableTags(true).build())
                    .push();
            System.out.println(r.imageUri() + " " + r.digest() + " " + r.layers());
            return r;
        }
    }

    static PushResult programmatic(String user, String password) {
        try (Registry registry = Registry.of("registry.example.com:5000", RegistryCredentials.basic(user, password))) {
            return registry.build(Path.of("target"))
                    .from("registry.example.com:5000/base/jre:21")
                    .layer("lib", "/app/lib").layer("app.jar", "/app/app.jar")
                    .entrypoint("java", "-jar", "/app/app.jar")
                    .env("TZ", "UTC").user("1000").exposedPort(8080).label("team", "orders")
                    .tag("orders:1.4.2")
                    .push();
        }
    }

    static PushResult tuned(Registry registry) {
        return registry.build(Path.of("target"))
                .layer("lib", "/app/lib").layer("classes", "/app/classes")
                .compression(Compression.gzip())
                .layerCache(LayerCache.at(Path.of("/var/cache/builds")))
                .tag("orders:1.4.2")
                .push();
    }

    static Registry tunedRegistry(RegistryCredentials baseCredentials) {
        Compression smallest = Compression.gzip(1).storeIncompressible(false);
        Compression zstd = Compression.zstd();
        System.out.println(smallest + " " + zstd + " " + Compression.gzip(6));
        return Registry.builder().host("registry.example.com:5000").maxConcurrentRequests(8)
                .baseImageCredentials(host -> baseCredentials).build();
    }

    static PushResult onDockerEngine() {
        try (Registry registry = Registry.ecr(Region.EU_WEST_1)) {
            return registry.build(Path.of("orders-service"))
                    .builder(DockerEngineBuilder.on(DockerHost.fromEnvironment()))
                    .tag("orders:1.4.2")
                    .push();
        }
    }

    static void engineAlone(RegistryCredentials creds, ProgressListener progress) {
        try (DockerEngine engine = DockerEngine.fromEnvironment()) {
            BuiltImage image = engine.build(Path.of("app"))
                    .dockerfile("docker/Dockerfile").tag("127.0.0.1:5000/app:1")
                    .buildArg("VERSION", "1").label("team", "orders").target("runtime")
                    .platform("linux/amd64").pull(false).noCache(false)
                    .registryCredentials("private.example.com", creds)
                    .listener(progress)
                    .run();
            PushResult pushed = engine.push(ImageReference.parse("127.0.0.1:5000/app:1"), creds);
            engine.load(Path.of("image.tar"));
            System.out.println(image + " " + pushed + " " + engine.inspect("127.0.0.1:5000/app:1"));
        }
    }
}
