package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context folder as the tar the engine expects. Interim: replaced by the core's
 * reproducible tar writer and {@code .dockerignore} matcher once they land.
 */
final class BuildContextArchive {

    private BuildContextArchive() {
    }

    static void write(Path context, String dockerfile, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(context)) {
            files = walk.filter(p -> !p.equals(context)).sorted().toList();
        }
        for (Path file : files) {
            String name = context.relativize(file).toString().replace('\\', '/');
            TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), Files.isDirectory(file) ? name + "/" : name);
            entry.setMode(Files.isDirectory(file) || Files.isExecutable(file) ? 0100755 : 0100644);
            tar.putArchiveEntry(entry);
            if (Files.isRegularFile(file)) {
                Files.copy(file, tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }
}
