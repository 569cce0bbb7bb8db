package io.github.ecrtoolkit.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.github.ecrtoolkit.testing.TestTools;

/** Build contexts for the tests: busybox copied into a FROM scratch image, so no base image is pulled. */
final class Contexts {

    private Contexts() {
    }

    /** A folder with busybox at {@code busybox} and the given Dockerfile lines. */
    static Path withDockerfile(Path dir, TestTools tools, String... dockerfile) throws IOException {
        Path context = Files.createDirectories(dir.resolve("ctx-" + UUID.randomUUID().toString().substring(0, 6)));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n", dockerfile) + "\n");
        return context;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
