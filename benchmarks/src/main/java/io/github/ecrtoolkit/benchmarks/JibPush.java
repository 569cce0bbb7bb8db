package io.github.ecrtoolkit.benchmarks;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.file.Path;
import java.util.List;

/** The same image built and pushed with jib-core: layers dependencies, resources, classes. */
final class JibPush {

    private JibPush() {
    }

    static String push(BenchRegistry registry, Path app, Path cache, String target, String base) throws Exception {
        // Jib refuses to send a password over plain HTTP unless told to; the test registry is loopback HTTP.
        System.setProperty("sendCredentialsOverHttp", "true");
        JibContainerBuilder builder = base == null
                ? Jib.fromScratch()
                : Jib.from(RegistryImage.named(base).addCredential(registry.username(), registry.password()));
        builder.setFileEntriesLayers(List.of(
                        layer("dependencies", app.resolve("libs"), "/app/libs"),
                        layer("resources", app.resolve("resources"), "/app/resources"),
                        layer("classes", app.resolve("classes"), "/app/classes")))
                .setEntrypoint("java", "-cp", "/app/classes:/app/resources:/app/libs/*", "Main");
        Containerizer containerizer = Containerizer
                .to(RegistryImage.named(target).addCredential(registry.username(), registry.password()))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(cache.resolve("jib-base"))
                .setApplicationLayersCache(cache.resolve("jib-app"))
                .setToolName("ecr-toolkit-benchmark");
        JibContainer container = builder.containerize(containerizer);
        return container.getDigest().toString();
    }

    /** Pushes a small runnable base image (busybox plus a runtime-sized layer) for scenario 4. */
    static String pushBase(BenchRegistry registry, Path busybox, Path runtimeDir, Path cache, String target)
            throws Exception {
        System.setProperty("sendCredentialsOverHttp", "true");
        JibContainer container = Jib.fromScratch()
                .setFileEntriesLayers(List.of(
                        FileEntriesLayer.builder().setName("busybox")
                                .addEntry(busybox, AbsoluteUnixPath.get("/bin/busybox")).build(),
                        layer("runtime", runtimeDir, "/opt/runtime/lib")))
                .setEntrypoint("/bin/busybox", "sh")
                .containerize(Containerizer
                        .to(RegistryImage.named(target).addCredential(registry.username(), registry.password()))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(cache.resolve("jib-base"))
                        .setApplicationLayersCache(cache.resolve("jib-app")));
        return container.getDigest().toString();
    }

    private static FileEntriesLayer layer(String name, Path source, String target) throws java.io.IOException {
        return FileEntriesLayer.builder().setName(name).addEntryRecursive(source, AbsoluteUnixPath.get(target)).build();
    }
}
