package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.dockerfile.internal.ShellLexer;
import io.github.ecrtoolkit.testing.ConformanceData;
import io.github.ecrtoolkit.testing.ConformanceData.Vector;

/**
 * {@link ShellLexer} against buildkit's {@code frontend/dockerfile/shell} tests, run the way
 * {@code lex_test.go} runs them: {@code envVarTest} through {@code ProcessWord} ({@link ShellLexer#word}),
 * {@code wordsTest} through {@code ProcessWords} ({@link ShellLexer#words}).
 */
class ShellConformanceTest {

    private static final String HARNESS = "buildkit-shell-lex_test.jsonl";
    private static final ShellLexer LEXER = new ShellLexer('\\');

    /** Vectors the project deliberately does not follow, by "file input", with the reason. */
    private static final Map<String, String> EXCLUSIONS = Map.of();

    /** One line of envVarTest or wordsTest, with the environment it runs in. */
    private record Line(String file, int number, String input, String expected, Map<String, String> env) {
    }

    @TestFactory
    Stream<DynamicTest> processWord() {
        Vector harness = harness("TestShellParser4EnvVars");
        List<String> platforms = strings(harness.json().get("platforms"));
        Map<String, String> env = env(strings(harness.json().get("env")));
        List<Line> lines = new ArrayList<>();
        List<String> text = ConformanceData.lines(harness.text("file"));
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (platforms.contains(parts[0].strip())) { // W lines are Windows' (case-insensitive names)
                lines.add(new Line(harness.text("file"), i + 1, parts[1].strip(), parts.length > 2 ? parts[2].strip() : "", env));
            }
        }
        return ConformanceData.run("buildkit shell ProcessWord", lines, l -> l.file + ":" + l.number + " " + l.input, EXCLUSIONS,
                l -> {
                    if (l.expected.equals("error")) {
                        assertThatThrownBy(() -> LEXER.word(l.input, l.env)).isInstanceOf(IllegalArgumentException.class);
                    } else {
                        assertThat(LEXER.word(l.input, l.env)).isEqualTo(l.expected);
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> processWords() {
        Vector harness = harness("TestShellParser4Words");
        Map<String, String> env = env(strings(harness.json().get("env")));
        List<Line> lines = new ArrayList<>();
        List<String> text = ConformanceData.lines(harness.text("file"));
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) { // sets a variable for the lines below, as the Go test does
                env = new LinkedHashMap<>(env);
                env.putAll(env(List.of(line.substring(3).stripLeading())));
                continue;
            }
            String[] parts = line.split("\\|", -1);
            lines.add(new Line(harness.text("file"), i + 1, parts[0].strip(), parts[1].stripLeading(), env));
        }
        return ConformanceData.run("buildkit shell ProcessWords", lines, l -> l.file + ":" + l.number + " " + l.input, EXCLUSIONS,
                l -> {
                    List<String> expected = List.of(l.expected.split(",", -1));
                    if (expected.equals(List.of("error"))) {
                        assertThatThrownBy(() -> LEXER.words(l.input, l.env)).isInstanceOf(IllegalArgumentException.class);
                    } else {
                        assertThat(LEXER.words(l.input, l.env)).isEqualTo(expected);
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> mandatoryVariables() {
        List<Vector> vectors = ConformanceData.jsonLines(HARNESS).stream()
                .filter(v -> v.text("test").equals("TestShellParserMandatoryEnvVars")).toList();
        return ConformanceData.run("buildkit shell mandatory variables", vectors,
                v -> v.name() + " " + v.text("input") + " " + v.json().get("env"), EXCLUSIONS, v -> {
                    Map<String, String> env = env(strings(v.json().get("env")));
                    JsonNode expect = v.json().get("expect");
                    if (expect.has("errorContains")) {
                        assertThatThrownBy(() -> LEXER.word(v.text("input"), env)).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining(expect.get("errorContains").asText());
                    } else {
                        assertThat(LEXER.word(v.text("input"), env)).isEqualTo(expect.get("word").asText());
                    }
                });
    }

    private static Vector harness(String test) {
        return ConformanceData.jsonLines(HARNESS).stream().filter(v -> v.text("test").equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError(HARNESS + " has no " + test));
    }

    private static Map<String, String> env(List<String> assignments) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
