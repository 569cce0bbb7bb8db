package io.github.ecrtoolkit.core.build.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.github.ecrtoolkit.core.build.BuildException;

/** A temporary folder for the layer blobs of one build; deleted when closed. */
public final class Workspace implements AutoCloseable {

    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /**
     * A fresh folder under the system temporary folder.
     *
     * @throws BuildException when it cannot be created
     */
    public static Workspace create() {
        try {
            return new Workspace(Files.createTempDirectory("ecr-toolkit-build-"));
        } catch (IOException e) {
            throw new BuildException("cannot create a temporary folder for layers: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: only temporary blobs remain
        }
    }
}
