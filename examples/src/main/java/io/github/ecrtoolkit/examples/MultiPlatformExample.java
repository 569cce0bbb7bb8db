package io.github.ecrtoolkit.examples;

import java.nio.file.Path;

import io.github.ecrtoolkit.core.PlatformImage;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.ecs.EcsDeployer;
import io.github.ecrtoolkit.ecs.EcsService;
import software.amazon.awssdk.regions.Region;

/**
 * The README's "Multi-platform images" snippets, compiled so that they keep matching the API. Not a
 * command: each method is one snippet.
 */
final class MultiPlatformExample {

    private MultiPlatformExample() {
    }

    static void pushAndDeploy() {
        try (Registry registry = Registry.ecr(Region.EU_WEST_1);
             EcsDeployer deployer = EcsDeployer.create()) {                     // checks ECR images' platforms by default
            PushResult pushed = registry.build(Path.of("orders-service"))           // FROM an image with both platforms
                    .platforms("linux/amd64", "linux/arm64")
                    .tag("orders:1.5.0")
                    .push();                                                      // one image index, one manifest per platform
            for (PlatformImage image : pushed.platformImages()) {
                System.out.println(image.platform() + " " + image.digest());     // linux/arm64 sha256:…
            }
            deployer.deploy(EcsService.of("prod", "orders"), pushed.imageUri());  // refused first if the service cannot run it
        }
    }

    static PushResult nativeLibraryPerPlatform(Registry registry) {
        return registry.build(Path.of("target"))
                .from("public.ecr.aws/docker/library/eclipse-temurin:21-jre")
                .platforms("linux/amd64", "linux/arm64")
                .layer("lib", "/app/lib")                                               // shared: written and uploaded once
                .layer(Platform.parse("linux/amd64"), "native/x86_64", "/app/native")   // this platform's image only
                .layer(Platform.parse("linux/arm64"), "native/aarch64", "/app/native")
                .entrypoint("java", "-Djava.library.path=/app/native", "-cp", "/app/lib/*", "orders.Main")
                .tag("orders:1.5.0")
                .push();
    }
}
