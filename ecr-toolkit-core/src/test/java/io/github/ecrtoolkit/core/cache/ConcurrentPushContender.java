package io.github.ecrtoolkit.core.cache;

import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import java.nio.file.Path;

/**
 * One process of {@link ConcurrentCacheIT}: pushes every sub-folder of a context as a layer of its
 * own, through a shared layer cache, and prints the manifest digest. The password comes from the
 * environment, never the command line.
 *
 * <p>Arguments: registry host, user, context folder, cache folder, reference, number of layers.
 */
public final class ConcurrentPushContender {

    private ConcurrentPushContender() {
    }

    public static void main(String[] args) {
        Path context = Path.of(args[2]);
        int layers = Integer.parseInt(args[5]);
        try (Registry registry = Registry.builder().host(args[0])
                .credentials(RegistryCredentials.basic(args[1], System.getenv("CONTENDER_PASSWORD")))
                .allowInsecureLoopback(true).build()) {
            ImageBuild build = registry.build(context).layerCache(LayerCache.at(Path.of(args[3])));
            for (int i = 0; i < layers; i++) {
                build.layer(context.resolve("part" + i), "/part" + i);
            }
            PushResult pushed = build.entrypoint("/part0/run").tag(args[4]).push();
            System.out.println(pushed.digest());
        }
    }
}
