package io.github.ecrtoolkit.benchmarks;

import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.core.layer.compress.CompressionPool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Layer compression alone, in memory: one-thread JDK gzip (the floor) against ecr-toolkit's
 * parallel gzip and zstd, at the same levels, on jar-heavy and on text input.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' \
 *     io.github.ecrtoolkit.benchmarks.CompressionBench APP_DIR   # laid out first when empty
 * }</pre>
 */
public final class CompressionBench {

    private CompressionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        if (!java.nio.file.Files.isDirectory(app.resolve("libs"))) {
            System.out.println("laid out: " + InputLayout.fromLocalRepository().layOut(app));
        }
        System.out.println(table(app));
    }

    /** A Markdown table: MB/s and output size per input kind and compressor. */
    static String table(Path app) throws IOException {
        byte[] jars = GzipFloor.tarOf(app.resolve("libs"));
        byte[] text = concat(GzipFloor.tarOf(app.resolve("classes")), GzipFloor.tarOf(app.resolve("resources")));
        StringBuilder md = new StringBuilder();
        md.append(String.format("| compressor | jars (%.0f MB): MB/s | out MB | classes + text (%.0f MB): MB/s | out MB |%n",
                jars.length / 1e6, text.length / 1e6));
        md.append("|---|---:|---:|---:|---:|\n");
        for (int level : List.of(1, 6)) {
            md.append(row("JDK gzip, 1 thread, level " + level, jars, text, null, Compression.gzip(level)));
        }
        try (CompressionPool pool = CompressionPool.create()) {
            String threads = pool.threads() + " threads";
            md.append(row("ecr-toolkit parallel gzip, " + threads + ", level 1, deflating everything", jars, text,
                    pool, Compression.gzip(1).storeIncompressible(false)));
            for (int level : List.of(1, 6)) {
                md.append(row("ecr-toolkit parallel gzip, " + threads + ", level " + level
                        + ", storing already-compressed chunks" + (level == 1 ? " (default)" : ""), jars, text,
                        pool, Compression.gzip(level)));
            }
            md.append(row("ecr-toolkit zstd, " + pool.threads() + " workers, level 3", jars, text, pool,
                    Compression.zstd()));
        }
        return md.toString();
    }

    private static String row(String name, byte[] jars, byte[] text, CompressionPool pool, Compression c)
            throws IOException {
        double[] j = measure(jars, pool, c);
        double[] t = measure(text, pool, c);
        return String.format("| %s | %.1f | %.1f | %.1f | %.1f |%n", name, j[0], j[1], t[0], t[1]);
    }

    /** {MB/s (best of 3), output MB}; a null pool means the JDK's one-thread GZIPOutputStream. */
    private static double[] measure(byte[] data, CompressionPool pool, Compression c) throws IOException {
        long best = Long.MAX_VALUE;
        long size = 0;
        for (int i = 0; i < 3; i++) {
            CountingSink sink = new CountingSink();
            long start = System.nanoTime();
            if (pool == null) {
                size = GzipFloor.compressedSize(data, c.level());
                best = Math.min(best, System.nanoTime() - start);
                continue;
            }
            try (OutputStream out = c.compress(sink, pool)) {
                for (int off = 0; off < data.length; off += 65536) {
                    out.write(data, off, Math.min(65536, data.length - off));
                }
            }
            best = Math.min(best, System.nanoTime() - start);
            size = sink.count;
        }
        return new double[] {data.length / 1e6 / (best / 1e9), size / 1e6};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
