package io.github.ecrtoolkit.core.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Measures {@link LayerBlobWriter} throughput (not a test): a jar-heavy folder (~50 MB of jars
 * from the local Maven repository) and a text folder (~50 MB of JDK sources), at gzip levels
 * 1 and 6, against the floor of plain tar+hash and of bare single-core deflate on the same tar.
 *
 * <pre>
 * java -cp ecr-toolkit-core/target/test-classes:ecr-toolkit-core/target/classes:$(deps) \
 *     io.github.ecrtoolkit.core.layer.LayerWriterThroughput [work-dir]
 * </pre>
 */
public final class LayerWriterThroughput {

    private static final long TARGET_BYTES = 50L * 1024 * 1024;
    private static final int RUNS = 3;

    private LayerWriterThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "layer-throughput"));
        Path jars = jarFolder(work.resolve("jars"));
        Path text = textFolder(work.resolve("text"));
        for (Path input : List.of(jars, text)) {
            LayerSpec spec = LayerSpec.builder().context(input).add(input, "/app").build();
            long tarBytes = LayerBlobWriter.create().writeTar(spec, OutputStream.nullOutputStream()).size();
            System.out.printf(Locale.ROOT, "%s: %d files, tar %.1f MB%n", input.getFileName(), spec.entries().size(), tarBytes / 1e6);
            double[] tarOnly = best(() -> LayerBlobWriter.create().writeTar(spec, OutputStream.nullOutputStream()), tarBytes);
            System.out.printf(Locale.ROOT, "  tar + sha256, no compression: %6.1f MB/s of CPU time (wall %.1f)%n", tarOnly[0], tarOnly[1]);
            for (int level : new int[] {1, 6}) {
                LayerBlobWriter writer = LayerBlobWriter.builder().compressionLevel(level).modificationTime(Instant.EPOCH).build();
                long[] size = new long[1];
                double[] speed = best(() -> size[0] = writer.write(spec, work.resolve("blobs")).size(), tarBytes);
                double[] floor = deflateFloor(spec, level);
                System.out.printf(Locale.ROOT, "  gzip level %d: %6.1f MB/s of CPU time (wall %.1f), blob %.1f MB (%.1f%% of tar);"
                        + " bare deflate of the same tar %6.1f MB/s of CPU time%n",
                        level, speed[0], speed[1], size[0] / 1e6, 100.0 * size[0] / tarBytes, floor[0]);
            }
        }
    }

    private interface Run {
        Object run() throws IOException;
    }

    /**
     * Best of {@link #RUNS} in MB per second of this thread's CPU time: the writer is
     * single-threaded, and CPU time stays meaningful on a machine shared with other builds,
     * where wall time is not.
     */
    private static double[] best(Run run, long bytes) throws IOException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        run.run(); // warm-up
        long bestNanos = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            run.run();
            bestNanos = Math.min(bestNanos, cpu.getCurrentThreadCpuTime() - start);
            bestWall = Math.min(bestWall, System.nanoTime() - wall);
        }
        return new double[] {bytes / 1e6 / (bestNanos / 1e9), bytes / 1e6 / (bestWall / 1e9)};
    }

    /** Single-core deflate of the very same tar bytes held in memory: the floor of any gzip writer. */
    private static double[] deflateFloor(LayerSpec spec, int level) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        LayerBlobWriter.create().writeTar(spec, bytes);
        byte[] tar = bytes.toByteArray();
        byte[] out = new byte[1 << 16];
        return best(() -> {
            Deflater deflater = new Deflater(level, true);
            deflater.setInput(tar);
            deflater.finish();
            while (!deflater.finished()) {
                deflater.deflate(out);
            }
            deflater.end();
            return null;
        }, tar.length);
    }

    private static Path jarFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path tmp = Files.createDirectories(folder.resolveSibling("jars.partial"));
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        long total = 0;
        try (Stream<Path> files = Files.walk(repo)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar")).sorted().toList();
            for (Path jar : all) {
                if (total >= TARGET_BYTES) {
                    break;
                }
                long size = Files.size(jar);
                if (size > 5_000_000) {
                    continue;
                }
                Files.copy(jar, tmp.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                total += size;
            }
        }
        Files.move(tmp, folder);
        return folder;
    }

    private static Path textFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path tmp = Files.createDirectories(folder.resolveSibling("text.partial"));
        Path src;
        try (Stream<Path> jdks = Files.list(Path.of(System.getProperty("java.home")).getParent())) {
            src = jdks.map(jdk -> jdk.resolve("lib/src.zip")).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException("no JDK src.zip next to " + System.getProperty("java.home")));
        }
        long total = 0;
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(src); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null && total < TARGET_BYTES) {
                if (e.isDirectory() || !e.getName().endsWith(".java")) {
                    continue;
                }
                Path target = tmp.resolve(e.getName());
                Files.createDirectories(target.getParent());
                total += Files.copy(zip, target);
                names.add(e.getName());
            }
        }
        Files.move(tmp, folder);
        return folder;
    }
}
