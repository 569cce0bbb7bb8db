package io.github.ecrtoolkit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The machine's floor: single-thread JDK gzip speed on the application's own bytes, as a tar. */
final class GzipFloor {

    private GzipFloor() {
    }

    /** The application folder as one uncompressed tar, in memory (the parent is not measured). */
    static byte[] tarOf(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 << 20);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), dir.relativize(file).toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** MB/s (decimal) of one thread gzipping {@code data} at {@code level}; best of three. */
    static double singleThreadMbPerSecond(byte[] data, int level) throws IOException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try (GZIPOutputStream gzip = new LevelGzip(OutputStream.nullOutputStream(), level)) {
                gzip.write(data);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return data.length / 1e6 / (best / 1e9);
    }

    /** Compressed size at {@code level}, to show what level 1 costs in bytes. */
    static long compressedSize(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        try (GZIPOutputStream gzip = new LevelGzip(out, level)) {
            gzip.write(data);
        }
        return out.size();
    }

    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(OutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
            def.setStrategy(Deflater.DEFAULT_STRATEGY);
        }
    }
}
