package io.github.ecrtoolkit.examples;

import java.nio.file.Path;

import io.github.ecrtoolkit.core.dockerfile.BaseImage;
import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.DockerfilePlanner;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.EntryOptions;
import io.github.ecrtoolkit.core.layer.LayerBlob;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * The README's "Reproducible layers and Dockerfiles" snippets, compiled so that they keep matching
 * the API. Not a command: each method is one snippet.
 */
final class ReproducibleLayersExample {

    private ReproducibleLayersExample() {
    }

    static void planDockerfile(ContainerConfig baseConfig, Path blobDir) {
        DockerfilePlanner planner = DockerfilePlanner.builder(Path.of("orders-service"))
                .buildArg("VERSION", "1.4.2")
                .platform("linux/amd64")
                .build();
        BaseImage base = planner.base();
        BuildPlan plan = planner.plan(baseConfig);
        LayerBlobWriter writer = LayerBlobWriter.create();
        for (LayerSpec layer : plan.layers()) {
            LayerBlob blob = writer.write(layer, blobDir);
            System.out.println(blob.digest() + " " + blob.diffId() + " " + blob.size());
        }
        System.out.println(base + " " + plan.config() + " " + plan.history());
    }

    static LayerSpec layerInCode(Path dir) {
        return LayerSpec.builder().context(dir).add(dir.resolve("target/app.jar"),
                "/app/app.jar", EntryOptions.defaults().withMode(0644).withOwner(1000, 1000)).build();
    }
}
