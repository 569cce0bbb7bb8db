package io.github.ecrtoolkit.core.build.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.github.ecrtoolkit.core.build.BuildException;

/** A temporary folder for the layer blobs of one build; deleted when closed. */
public final class Workspace implements AutoCloseable {

    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /**
     * A fresh folder under the system temporary folder, readable by its owner only.
     *
     * @throws BuildException when it cannot be created
     */
    public static Workspace create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            // not Files.createTempDirectory: its first call seeds a SecureRandom, 25 ms of a short push.
            // Safety comes from the atomic create that fails on anything already there (a planted link
            // too) and the owner-only mode, not from the name being unguessable.
            for (int attempt = 0; ; attempt++) {
                Path dir = tmp.resolve("ecr-toolkit-build-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
                try {
                    return new Workspace(Files.createDirectory(dir, OWNER_ONLY));
                } catch (FileAlreadyExistsException taken) {
                    if (attempt == 100) {
                        throw taken;
                    }
                } catch (UnsupportedOperationException notPosix) {
                    return new Workspace(Files.createTempDirectory("ecr-toolkit-build-"));
                }
            }
        } catch (IOException e) {
            throw new BuildException("cannot create a temporary folder for layers in " + tmp + ": " + e.getMessage(), e);
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            Files.delete(dir);
            return; // empty, as it is when the layers went to a layer cache
        } catch (IOException notEmpty) {
            // delete what is inside first
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: only temporary blobs remain
        }
    }
}
