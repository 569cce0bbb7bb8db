package io.github.ecrtoolkit.core.dockerfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.testing.ConformanceData;

/**
 * {@link DockerfileParser} against buildkit's parser test files: each {@code testfiles/*} Dockerfile
 * parses to its {@code result} (buildkit's AST dump, one instruction a line), each
 * {@code testfiles-negative/*} Dockerfile is refused. The dump is written here from what the
 * project's parser gives: keyword, flags, JSON form, and the arguments split as buildkit's parser
 * splits each instruction (name/value pairs through the project's {@link NameValues}).
 */
class DockerfileParserConformanceTest {

    private static final String DIR = "buildkit-parser";

    /** Test folders the project deliberately does not follow, with the reason. */
    private static final Map<String, String> EXCLUSIONS = Map.of();

    @TestFactory
    Stream<DynamicTest> parsesAsBuildkit() {
        return ConformanceData.run("buildkit parser testfiles", folders("testfiles"), f -> "testfiles/" + f.getFileName(), EXCLUSIONS,
                folder -> {
                    List<String> expected = Files.readAllLines(folder.resolve("result")).stream().filter(l -> !l.isEmpty()).toList();
                    List<String> dumped = new ArrayList<>();
                    for (Instruction i : parser().parse(Files.readString(folder.resolve("Dockerfile"))).instructions()) {
                        dumped.add("(" + dump(i, escapeOf(folder)) + ")");
                    }
                    assertThat(dumped).isEqualTo(expected);
                });
    }

    @TestFactory
    Stream<DynamicTest> refusesWhatBuildkitRefuses() {
        return ConformanceData.run("buildkit parser testfiles-negative", folders("testfiles-negative"),
                f -> "testfiles-negative/" + f.getFileName(), EXCLUSIONS,
                folder -> assertThatThrownBy(() -> parser().parse(Files.readString(folder.resolve("Dockerfile"))))
                        .isInstanceOf(DockerfileException.class));
    }

    private static DockerfileParser parser() {
        return new DockerfileParser("Dockerfile");
    }

    private static char escapeOf(Path folder) throws IOException {
        return parser().parse(Files.readString(folder.resolve("Dockerfile"))).escape();
    }

    private static List<Path> folders(String parent) {
        Path dir = ConformanceData.dir().resolve(DIR).resolve(parent);
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** buildkit's {@code Node.Dump} of one instruction, from the project's parse. */
    private static String dump(Instruction i, char escape) {
        StringBuilder out = new StringBuilder(i.keyword().toLowerCase(Locale.ROOT));
        if (!i.flags().isEmpty()) {
            List<String> flags = new ArrayList<>();
            i.flags().forEach((name, value) -> flags.add(quote("--" + name + (value.isEmpty() ? "" : "=" + value))));
            out.append(" [").append(String.join(" ", flags)).append(']');
        }
        for (String node : nodes(i, escape)) {
            out.append(' ').append(node);
        }
        return out.toString();
    }

    /** The argument nodes, quoted, as buildkit's per-instruction parse functions make them. */
    private static List<String> nodes(Instruction i, char escape) {
        String rest = i.arguments();
        List<String> raw = new ArrayList<>();
        switch (i.keyword()) {
            case "ENV", "LABEL" -> NameValues.parse(rest, i.keyword(), new ShellLexer(escape))
                    .forEach(p -> raw.addAll(List.of(p.name(), p.value(), p.equals() ? "=" : "")));
            case "ARG" -> raw.addAll(new ShellLexer(escape).split(rest));
            case "FROM", "EXPOSE" -> raw.addAll(whitespaceDelimited(rest));
            case "ADD", "COPY", "VOLUME" -> raw.addAll(i.execForm().orElseGet(() -> whitespaceDelimited(rest)));
            case "CMD", "ENTRYPOINT", "RUN", "SHELL" -> raw.addAll(i.execForm().orElse(rest.isEmpty() ? List.of() : List.of(rest)));
            case "HEALTHCHECK" -> {
                String[] parts = rest.split("\\s+", 2);
                if (!rest.isEmpty()) {
                    raw.add(parts[0]);
                    String command = parts.length > 1 ? parts[1] : "";
                    Optional<List<String>> json = DockerfileParser.execForm(command);
                    raw.addAll(json.orElse(command.isEmpty() ? List.of() : List.of(command)));
                }
            }
            case "ONBUILD" -> {
                Instruction trigger = parser().parse(rest).instructions().get(0);
                return List.of("(" + dump(trigger, escape) + ")");
            }
            default -> raw.add(rest); // MAINTAINER, STOPSIGNAL, USER, WORKDIR: the rest as one string
        }
        return raw.stream().map(DockerfileParserConformanceTest::quote).toList();
    }

    /** Go's {@code regexp.MustCompile("[\t\v\f\r ]+").Split(rest, -1)}, as buildkit splits such arguments. */
    private static List<String> whitespaceDelimited(String rest) {
        return rest.isEmpty() ? List.of() : List.of(rest.split("[\t\u000B\f\r ]+", -1));
    }

    /** Go's {@code strconv.Quote}. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x07 -> out.append("\\a");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
