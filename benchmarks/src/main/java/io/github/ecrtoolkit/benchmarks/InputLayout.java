package io.github.ecrtoolkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lays out a Java application folder from the local Maven repository: {@code libs/} (real
 * dependency jars, about 50 MB), {@code classes/} (a few thousand {@code .class} files extracted
 * from real jars) and {@code resources/} (a few hundred static text files). Nothing is downloaded.
 */
final class InputLayout {

    /** Jars the project's own build (and this module's) puts in the local repository. */
    private static final List<String> DEPENDENCIES = List.of(
            "org.wiremock:wiremock-standalone:3.13.2",
            "net.bytebuddy:byte-buddy:1.18.3",
            "software.amazon.awssdk:ecs:2.57.8",
            "org.immutables:value:2.12.2",
            "io.fabric8:kubernetes-model-core:8.0.0",
            "com.google.guava:guava:32.1.2-jre",
            "software.amazon.awssdk:eks:2.57.8",
            "software.amazon.awssdk:ecr:2.57.8",
            "com.fasterxml.jackson.core:jackson-databind:2.23.0",
            "org.apache.commons:commons-compress:1.28.0",
            "software.amazon.awssdk:sdk-core:2.57.8",
            "org.apache.httpcomponents.client5:httpclient5:5.6.5",
            "software.amazon.awssdk:regions:2.57.8",
            "org.apache.httpcomponents.core5:httpcore5:5.4.4",
            "org.apache.httpcomponents:httpclient:4.5.13",
            "org.mockito:mockito-core:5.24.0",
            "com.fasterxml.jackson.core:jackson-core:2.23.0",
            "io.fabric8:kubernetes-client-api:8.0.0",
            "software.amazon.awssdk:sts:2.57.8",
            "io.fabric8:kubernetes-client:8.0.0",
            "com.google.cloud.tools:jib-core:0.27.3",
            "commons-codec:commons-codec:1.19.0",
            "io.fabric8:kubernetes-model-apps:8.0.0",
            "org.apache.httpcomponents:httpcore:4.4.15",
            "com.google.http-client:google-http-client:1.42.2",
            "org.apache.httpcomponents.core5:httpcore5-h2:5.4.4",
            "software.amazon.awssdk:utils:2.57.8",
            "org.junit.jupiter:junit-jupiter-api:5.14.4",
            "software.amazon.awssdk:aws-core:2.57.8",
            "software.amazon.awssdk:http-client-spi:2.57.8",
            "software.amazon.awssdk:apache5-client:2.57.8",
            "org.slf4j:slf4j-api:2.0.20");

    /** Jars whose classes become the application's own {@code classes/} folder. */
    private static final List<String> CLASS_SOURCES = List.of(
            "software.amazon.awssdk:ecs:2.57.8", "software.amazon.awssdk:ecr:2.57.8");

    /**
     * The Dockerfile both sizes of the application carry at their root, for the Dockerfile-context
     * path: the same three layers and entrypoint as the image set in code; {@code BASE} is the
     * base-image scenario's base.
     */
    static final String DOCKERFILE = """
            ARG BASE=scratch
            FROM ${BASE}
            COPY libs /app/libs
            COPY resources /app/resources
            COPY classes /app/classes
            ENTRYPOINT ["java", "-cp", "/app/classes:/app/resources:/app/libs/*", "Main"]
            """;

    private static final long DEPENDENCY_BYTES = 50L * 1024 * 1024;
    private static final int MAX_CLASSES = 3000;
    private static final int STATIC_FILES = 300;

    private final Path m2;

    InputLayout(Path m2) {
        this.m2 = m2;
    }

    static InputLayout fromLocalRepository() {
        return new InputLayout(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** Writes the application folder under {@code app} and returns what it holds. */
    Summary layOut(Path app) throws IOException {
        Path libs = Files.createDirectories(app.resolve("libs"));
        Path classes = Files.createDirectories(app.resolve("classes"));
        Path resources = Files.createDirectories(app.resolve("resources"));
        long libBytes = 0;
        int jars = 0;
        List<String> missing = new ArrayList<>();
        for (String coordinate : DEPENDENCIES) {
            if (libBytes >= DEPENDENCY_BYTES) {
                break;
            }
            Path jar = jar(coordinate);
            if (!Files.isRegularFile(jar)) {
                missing.add(coordinate);
                continue;
            }
            Files.copy(jar, libs.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            libBytes += Files.size(jar);
            jars++;
        }
        if (libBytes < DEPENDENCY_BYTES / 2) {
            throw new IllegalStateException("Too few dependency jars in " + m2 + " (" + (libBytes >> 20)
                    + " MB); build the project first (./mvnw verify) so that they are there. Missing: " + missing);
        }
        int classCount = 0;
        long classBytes = 0;
        for (String coordinate : CLASS_SOURCES) {
            try (ZipFile zip = new ZipFile(jar(coordinate).toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && classCount < MAX_CLASSES; ) {
                    ZipEntry entry = e.nextElement();
                    if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                        continue;
                    }
                    Path target = classes.resolve(entry.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        classBytes += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    classCount++;
                }
            }
        }
        long staticBytes = writeStaticFiles(resources);
        Files.writeString(app.resolve("Dockerfile"), DOCKERFILE);
        return new Summary(jars, libBytes, classCount, classBytes, STATIC_FILES, staticBytes, missing);
    }

    /** Static files: real text (the repository's POM files), renamed into a small site tree. */
    private long writeStaticFiles(Path resources) throws IOException {
        List<Path> poms;
        try (Stream<Path> walk = Files.walk(m2.resolve("org/apache"))) {
            poms = walk.filter(p -> p.toString().endsWith(".pom")).sorted().limit(STATIC_FILES).toList();
        }
        long bytes = 0;
        for (int i = 0; i < STATIC_FILES; i++) {
            Path target = resources.resolve("static/section-" + (i % 12) + "/page-" + i + ".html");
            Files.createDirectories(target.getParent());
            byte[] content = i < poms.size()
                    ? Files.readAllBytes(poms.get(i))
                    : ("<html><body>page " + i + "</body></html>\n").repeat(64).getBytes(StandardCharsets.UTF_8);
            Files.write(target, content);
            bytes += content.length;
        }
        return bytes;
    }

    private Path jar(String coordinate) {
        String[] gav = coordinate.split(":");
        return m2.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
    }

    /** A class file the one-file-change scenario rewrites: the first, in path order. */
    static Path changeTarget(Path app) {
        try (Stream<Path> walk = Files.walk(app.resolve("classes"))) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was laid out. */
    record Summary(int jars, long jarBytes, int classes, long classBytes, int staticFiles, long staticBytes,
                   List<String> missing) {
        long totalBytes() {
            return jarBytes + classBytes + staticBytes;
        }

        @Override
        public String toString() {
            return String.format("%d jars (%.1f MB), %d classes (%.1f MB), %d static files (%.1f MB)",
                    jars, jarBytes / 1e6, classes, classBytes / 1e6, staticFiles, staticBytes / 1e6);
        }
    }
}
