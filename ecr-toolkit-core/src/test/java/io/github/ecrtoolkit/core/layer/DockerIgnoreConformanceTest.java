package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.testing.ConformanceData;
import io.github.ecrtoolkit.testing.ConformanceData.Vector;

/**
 * {@link DockerIgnore} against moby/patternmatcher's own tests: {@code Matches} and
 * {@code MatchesOrParentMatches} are {@link DockerIgnore#excludes}, {@code New} is building the
 * rules, {@code ignorefile.ReadAll} is reading a file's text.
 */
class DockerIgnoreConformanceTest {

    private static final String FILE = "patternmatcher.jsonl";

    private static final String ROOT = "'/' is the context root, which the project never excludes (docker's context walker "
            + "never asks about it either); paths under it are what the other vectors check";

    /** Vectors the project deliberately does not follow, by "test patterns text", with the reason. */
    private static final Map<String, String> EXCLUSIONS = Map.of(
            "TestMatches [\"**\"] /", ROOT,
            "TestMatches [\"**/\"] /", ROOT);

    @TestFactory
    Stream<DynamicTest> patternmatcher() {
        return ConformanceData.run("moby/patternmatcher", ConformanceData.jsonLines(FILE),
                v -> v.text("test") + " " + v.json().get(v.has("patterns") ? "patterns" : "content") + " " + v.text("text"),
                EXCLUSIONS, DockerIgnoreConformanceTest::check);
    }

    private static void check(Vector v) {
        JsonNode expect = v.json().get("expect");
        if (v.text("api").equals("ReadAll")) {
            readAll(v.text("content"), strings(expect));
            return;
        }
        List<String> patterns = strings(v.json().get("patterns"));
        if (expect.isTextual() && expect.asText().equals("error")) {
            assertThatThrownBy(() -> DockerIgnore.of(patterns).excludes(v.text("text"))).isInstanceOf(LayerException.class);
            return;
        }
        DockerIgnore ignore = DockerIgnore.of(patterns);
        switch (v.text("api")) {
            case "Matches", "MatchesOrParentMatches" -> assertThat(ignore.excludes(v.text("text"))).isEqualTo(expect.asBoolean());
            case "PatternCount" -> assertThat(ignore.patterns()).hasSize(expect.asInt());
            case "Exclusions" -> assertThat(ignore.patterns().stream().anyMatch(p -> p.startsWith("!"))).isEqualTo(expect.asBoolean());
            default -> throw new AssertionError("no check for api " + v.text("api") + ": add one or list it as excluded");
        }
    }

    /**
     * ReadAll keeps a bare {@code !} that New then refuses; the project reads and checks in one
     * step, so the file fails at its first bare {@code !}, naming the line, and the other lines
     * clean to what ReadAll gives.
     */
    private static void readAll(String content, List<String> expected) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals("!")) {
                assertThatThrownBy(() -> DockerIgnore.parse(content)).isInstanceOf(LayerException.class)
                        .hasMessageContaining("line " + (i + 1)).hasMessageContaining("illegal exclusion pattern");
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!line.strip().equals("!")) {
                kept.add(line);
            }
        }
        assertThat(DockerIgnore.of(kept).patterns()).isEqualTo(expected.stream().filter(p -> !p.equals("!")).toList());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
