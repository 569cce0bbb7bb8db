package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The peers' public test vectors (distribution/reference, moby/patternmatcher, buildkit, kubectl,
 * aws-iam-authenticator), kept outside the project in {@code <project root>/../shared/conformance/data}.
 *
 * <p>Another folder is named by the system property {@code ecrtk.conformance.data} or the
 * environment variable {@code ECRTK_CONFORMANCE_DATA}. When the folder is missing, a test that
 * needs it is skipped with a message saying where it looked; under {@code CI=true} it fails
 * instead, unless {@code ECRTK_CONFORMANCE_REQUIRED=false} says this CI run has no copy of the data.
 */
public final class ConformanceData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceData() {
    }

    /** One vector: its 1-based line in the file, and its JSON object. */
    public record Vector(String file, int line, JsonNode json) {

        public String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }

        public boolean has(String field) {
            return json.hasNonNull(field);
        }

        /** A short name for reports: file, line and the Go test it comes from. */
        public String name() {
            return file + ":" + line + " " + Optional.ofNullable(text("test")).orElse("");
        }
    }

    /** The data folder, or the test is skipped (outside CI) or failed (under CI) when it is missing. */
    public static Path dir() {
        Optional<Path> configured = configured();
        Path dir = configured.orElseGet(ConformanceData::besideProject);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String message = "conformance vectors not found at " + dir.toAbsolutePath()
                + (configured.isPresent() ? " (from ecrtk.conformance.data / ECRTK_CONFORMANCE_DATA)"
                        : "; put them in <project root>/../shared/conformance/data or name the folder with "
                                + "-Decrtk.conformance.data=... or ECRTK_CONFORMANCE_DATA");
        if (required()) {
            throw new AssertionError("CI=true and " + message
                    + " (set ECRTK_CONFORMANCE_REQUIRED=false only for a CI run that deliberately has no copy)");
        }
        System.err.println("SKIPPED conformance test: " + message); // visible in the build log, not only in reports
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** The JSON-lines vectors of {@code file}, comment ({@code #}) and blank lines left out. */
    public static List<Vector> jsonLines(String file) {
        List<Vector> vectors = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                vectors.add(new Vector(file, i + 1, JSON.readTree(line)));
            } catch (IOException e) {
                throw new AssertionError(file + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
            }
        }
        return vectors;
    }

    /** The lines of {@code file} (a path relative to the data folder), exactly as stored. */
    public static List<String> lines(String file) {
        return List.of(read(file).split("\n", -1));
    }

    /** The text of {@code file}, a path relative to the data folder. */
    public static String read(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One dynamic test a vector, named by {@code key}; a vector whose key is in {@code exclusions}
     * is skipped with the reason given there (the project differs deliberately). An exclusion that
     * names no vector fails, so the list cannot go stale. Prints the family's figures.
     */
    public static <T> Stream<DynamicTest> run(String family, List<T> vectors, Function<T, String> key,
            Map<String, String> exclusions, ThrowingConsumer<T> check) {
        Set<String> keys = vectors.stream().map(key).collect(Collectors.toSet());
        List<String> stale = exclusions.keySet().stream().filter(k -> !keys.contains(k)).sorted().toList();
        long excluded = vectors.stream().map(key).filter(exclusions::containsKey).count();
        System.out.printf("conformance %s: %d vectors, %d applicable, %d excluded%n", family, vectors.size(),
                vectors.size() - excluded, excluded);
        Stream<DynamicTest> staleCheck = stale.isEmpty() ? Stream.empty()
                : Stream.of(DynamicTest.dynamicTest("exclusions name existing vectors", () -> {
                    throw new AssertionError("exclusions that match no vector of " + family + ": " + stale);
                }));
        return Stream.concat(staleCheck, vectors.stream().map(v -> DynamicTest.dynamicTest(key.apply(v), () -> {
            String reason = exclusions.get(key.apply(v));
            Assumptions.assumeTrue(reason == null, () -> "excluded: " + reason);
            try {
                check.accept(v);
            } catch (Throwable failed) {
                String why = String.valueOf(failed.getMessage()).strip().replace("\n", " ");
                throw new AssertionError(key.apply(v) + " => " + why, failed);
            }
        })));
    }

    private static boolean required() {
        return TestServices.underCi() && !"false".equalsIgnoreCase(System.getenv("ECRTK_CONFORMANCE_REQUIRED"));
    }

    private static Optional<Path> configured() {
        String property = System.getProperty("ecrtk.conformance.data");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String env = System.getenv("ECRTK_CONFORMANCE_DATA");
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
    }

    /** {@code ../shared/conformance/data} beside the project root (the folder holding {@code mvnw}). */
    private static Path besideProject() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path root = dir == null ? Path.of("").toAbsolutePath() : dir;
        return root.resolveSibling("shared").resolve("conformance").resolve("data");
    }
}
