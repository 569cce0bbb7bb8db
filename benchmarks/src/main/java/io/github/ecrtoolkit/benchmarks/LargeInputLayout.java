package io.github.ecrtoolkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A 1 GB application of about 50,000 files, laid out from the local Maven repository into a folder
 * that later runs reuse (generating it takes longer than a push): {@code classes/} (44,000
 * {@code .class} files extracted from the repository's jars), {@code resources/} (5,000 text files
 * of about 20 KB made of POM text) and {@code libs/} (the repository's jars, copied again under
 * numbered names until the whole is 1 GB). Deterministic for the same repository; nothing is
 * downloaded.
 */
final class LargeInputLayout {

    /** Bump when the layout changes, so that an older folder is not reused. */
    private static final String VERSION = "v1";
    private static final long TOTAL_BYTES = 1_000_000_000L;
    private static final int CLASSES = 44_000;
    private static final int RESOURCES = 5_000;
    private static final int RESOURCE_BYTES = 20_000;
    private static final String MARKER = ".complete";

    private final Path m2;

    LargeInputLayout(Path m2) {
        this.m2 = m2;
    }

    static LargeInputLayout fromLocalRepository() {
        return new LargeInputLayout(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** The default folder: under the temporary folder, named by layout version, kept between runs. */
    static Path defaultFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ecrtk-bench-app-1gb-" + VERSION);
    }

    /**
     * The application in {@code app}: reused when a complete one is there, else laid out afresh.
     * Returns what it holds.
     */
    String layOutOnce(Path app) throws IOException {
        Path marker = app.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            return Files.readString(marker).strip() + " (reused " + app + ")";
        }
        if (Files.exists(app)) {
            deleteTree(app);
        }
        List<Path> jars;
        try (Stream<Path> walk = Files.walk(m2)) {
            jars = walk.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("No jars in " + m2 + "; build the project first (./mvnw verify)");
        }
        long[] classBytes = {0};
        int classCount = extractClasses(jars, Files.createDirectories(app.resolve("classes")), classBytes);
        long resourceBytes = writeResources(Files.createDirectories(app.resolve("resources")));
        Path libs = Files.createDirectories(app.resolve("libs"));
        long libBytes = 0;
        int libCount = 0;
        List<Path> bySize = jars.stream().sorted(Comparator.comparingLong(LargeInputLayout::size).reversed()
                .thenComparing(Comparator.naturalOrder())).toList();
        for (int copy = 0; classBytes[0] + resourceBytes + libBytes < TOTAL_BYTES; copy++) {
            for (Path jar : bySize) {
                if (classBytes[0] + resourceBytes + libBytes >= TOTAL_BYTES) {
                    break;
                }
                Path target = libs.resolve(copy == 0 ? jar.getFileName().toString() : copy + "-" + jar.getFileName());
                if (Files.exists(target)) {
                    continue; // the same artifact name under two groups: keep the first
                }
                Files.copy(jar, target);
                libBytes += Files.size(target);
                libCount++;
            }
        }
        Files.writeString(app.resolve("Dockerfile"), InputLayout.DOCKERFILE);
        String summary = String.format("%d jars (%.1f MB), %d classes (%.1f MB), %d static files (%.1f MB): %d files, %.2f GB",
                libCount, libBytes / 1e6, classCount, classBytes[0] / 1e6, RESOURCES, resourceBytes / 1e6,
                libCount + classCount + RESOURCES, (libBytes + classBytes[0] + resourceBytes) / 1e9);
        Files.writeString(marker, summary + "\n");
        return summary + " (laid out in " + app + ")";
    }

    private static int extractClasses(List<Path> jars, Path classes, long[] bytes) throws IOException {
        int count = 0;
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && count < CLASSES; ) {
                    ZipEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/") || name.contains("..")) {
                        continue;
                    }
                    Path target = classes.resolve(name);
                    if (Files.exists(target)) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        bytes[0] += Files.copy(in, target);
                    }
                    count++;
                }
            } catch (java.util.zip.ZipException e) {
                // not a readable jar: skip it
            }
            if (count == CLASSES) {
                return count;
            }
        }
        throw new IllegalStateException("Only " + count + " class files in the jars of the local repository; "
                + CLASSES + " are needed");
    }

    /** Text files of POM text, each {@value #RESOURCE_BYTES} bytes or a little more. */
    private long writeResources(Path resources) throws IOException {
        List<Path> poms;
        try (Stream<Path> walk = Files.walk(m2)) {
            poms = walk.filter(p -> p.toString().endsWith(".pom")).sorted().limit(2000).toList();
        }
        long bytes = 0;
        int next = 0;
        for (int i = 0; i < RESOURCES; i++) {
            StringBuilder text = new StringBuilder(RESOURCE_BYTES + 8192);
            while (text.length() < RESOURCE_BYTES) {
                if (poms.isEmpty()) {
                    text.append("<html><body>page ").append(i).append("</body></html>\n");
                } else {
                    text.append(Files.readString(poms.get(next++ % poms.size()), StandardCharsets.ISO_8859_1));
                }
            }
            Path target = resources.resolve("static/section-" + (i % 40) + "/page-" + i + ".html");
            Files.createDirectories(target.getParent());
            byte[] content = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            Files.write(target, content);
            bytes += content.length;
        }
        return bytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
