package io.github.ecrtoolkit.core.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.internal.ContextPaths;
import io.github.ecrtoolkit.core.layer.internal.GoPatterns;
import io.github.ecrtoolkit.core.layer.internal.SlashPaths;

/**
 * The {@code .dockerignore} rules of a build context, with Docker's semantics: Go
 * {@code filepath.Match} patterns plus {@code **}, {@code !} exceptions, the last matching line
 * wins, leading {@code /} and {@code ./} cleaned, and a pattern that matches a directory excludes
 * everything under it unless a later exception re-includes it.
 *
 * <pre>{@code
 * DockerIgnore ignore = DockerIgnore.load(context, "Dockerfile");
 * if (!ignore.excludes("target/app.jar")) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DockerIgnore {

    /** Excludes nothing. */
    public static final DockerIgnore NONE = new DockerIgnore(List.of(), Optional.empty());

    private final List<Rule> rules;
    private final Optional<Path> source;

    private DockerIgnore(List<Rule> rules, Optional<Path> source) {
        this.rules = List.copyOf(rules);
        this.source = source;
    }

    /**
     * Reads the ignore file Docker would use for {@code dockerfileName} in {@code context}:
     * {@code <dockerfileName>.dockerignore} first, else {@code .dockerignore}, else none.
     *
     * @param dockerfileName the Dockerfile's path relative to the context, e.g. {@code Dockerfile}
     * @throws LayerException when the ignore file exists but cannot be read, leads out of the context
     *                        (a symbolic link), or holds a bad pattern
     */
    public static DockerIgnore load(Path context, String dockerfileName) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dockerfileName, "dockerfileName");
        for (String name : List.of(dockerfileName + ".dockerignore", ".dockerignore")) {
            Path candidate = context.resolve(name);
            Optional<Path> outside = ContextPaths.escape(context, name);
            if (outside.isPresent()) {
                throw new LayerException(candidate + " leads out of the build context (to " + outside.get()
                        + "), so it is not read; put the ignore file itself inside the context");
            }
            if (Files.isRegularFile(candidate)) {
                try {
                    return parse(Files.readString(candidate, StandardCharsets.UTF_8), Optional.of(candidate));
                } catch (IOException e) {
                    throw new LayerException("Cannot read " + candidate + ": " + e.getMessage()
                            + ". Check its permissions, or delete it to ignore nothing.", e);
                }
            }
        }
        return NONE;
    }

    /**
     * Rules from the text of an ignore file: one pattern a line, {@code #} comments, blank lines
     * skipped, {@code !} marks an exception.
     *
     * @throws LayerException when a pattern is malformed
     */
    public static DockerIgnore parse(String content) {
        return parse(content, Optional.empty());
    }

    /**
     * Rules from patterns as they would appear on lines of an ignore file.
     *
     * @throws LayerException when a pattern is malformed
     */
    public static DockerIgnore of(List<String> lines) {
        return parse(String.join("\n", lines), Optional.empty());
    }

    private static DockerIgnore parse(String content, Optional<Path> source) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = (content.startsWith("\uFEFF") ? content.substring(1) : content).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            String where = source.map(Path::toString).orElse(".dockerignore") + " line " + (i + 1) + ": ";
            if (pattern.isEmpty()) {
                throw new LayerException(where + "illegal exclusion pattern: \"!\" (an exception needs a pattern after the !, "
                        + "e.g. !docs/README.md; remove the line or complete it)");
            }
            pattern = SlashPaths.clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            try {
                rules.add(new Rule(pattern, exception, GoPatterns.dockerIgnore(pattern)));
            } catch (IllegalArgumentException e) {
                throw new LayerException(where + e.getMessage() + ". Fix or remove the pattern.", e);
            }
        }
        return new DockerIgnore(rules, source);
    }

    /**
     * These rules plus exceptions that always keep {@code paths} (Docker keeps the Dockerfile
     * and the ignore file in a build context even when a pattern excludes them).
     */
    public DockerIgnore withExceptions(String... paths) {
        List<Rule> more = new ArrayList<>(rules);
        for (String path : paths) {
            String clean = SlashPaths.relative(path);
            more.add(new Rule(clean, true, GoPatterns.dockerIgnore(clean.replace("\\", "\\\\")
                    .replace("*", "\\*").replace("?", "\\?").replace("[", "\\["))));
        }
        return new DockerIgnore(more, source);
    }

    /** The ignore file these rules came from, if any. */
    public Optional<Path> source() {
        return source;
    }

    /** The cleaned patterns, exceptions prefixed with {@code !}, in file order. */
    public List<String> patterns() {
        return rules.stream().map(r -> (r.exception ? "!" : "") + r.pattern).toList();
    }

    /** Whether there are no rules at all. */
    public boolean excludesNothing() {
        return rules.isEmpty();
    }

    /**
     * Whether the context path {@code slashPath} (relative, {@code /}-separated; a leading
     * {@code /} or {@code ./} is ignored) is excluded, by a pattern on it or on a parent folder.
     */
    public boolean excludes(String slashPath) {
        if (rules.isEmpty()) {
            return false;
        }
        String file = SlashPaths.relative(slashPath);
        if (file.isEmpty()) {
            return false; // the context root itself is always there
        }
        String[] parents = parentsOf(file);
        boolean matched = false;
        for (Rule rule : rules) {
            // an exception can only change an excluded path, a pattern only an included one
            if (rule.exception != matched) {
                continue;
            }
            boolean match = rule.regex.matcher(file).matches();
            for (int i = 0; !match && i < parents.length; i++) {
                match = rule.regex.matcher(parents[i]).matches();
            }
            if (match) {
                matched = !rule.exception;
            }
        }
        return matched;
    }

    /**
     * Whether an exception could re-include something under the excluded folder
     * {@code slashDir}; when not, a walker need not descend into it.
     */
    public boolean mayIncludeUnder(String slashDir) {
        String dir = SlashPaths.relative(slashDir) + "/";
        for (Rule rule : rules) {
            if (!rule.exception) {
                continue;
            }
            String literal = literalPrefix(rule.pattern);
            if (dir.startsWith(literal) || (rule.pattern + "/").startsWith(dir) || literal.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    private static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return pattern.substring(0, i);
            }
        }
        return pattern + "/";
    }

    private static String[] parentsOf(String file) {
        List<String> parents = new ArrayList<>();
        int slash = file.indexOf('/');
        while (slash > 0) {
            parents.add(file.substring(0, slash));
            slash = file.indexOf('/', slash + 1);
        }
        return parents.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "DockerIgnore" + source.map(p -> "[" + p + "]").orElse("") + patterns();
    }

    private record Rule(String pattern, boolean exception, Pattern regex) {
    }
}
