package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DockerfileTest {

    private static Dockerfile parse(String... lines) {
        return Dockerfile.parse(String.join("\n", lines), "Dockerfile");
    }

    @Test
    void parse_givesKeywordsUpperCasedWithTheirLines() {
        Dockerfile d = parse("# comment", "", "from scratch", "copy a /a", "  CMD [\"/a\"]");
        assertThat(d.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "COPY", "CMD");
        assertThat(d.instructions()).extracting(Instruction::line).containsExactly(3, 4, 5);
        assertThat(d.instructions().get(2).execForm()).contains(List.of("/a"));
    }

    @Test
    void lineContinuations_joinLinesSkippingCommentsAndBlankLines_andKeepTheFirstLineNumber() {
        Dockerfile d = parse("FROM scratch", "ENV A=1 \\", "# inner comment", "", "    B=2", "LABEL x=y");
        Instruction env = d.instructions().get(1);
        assertThat(env.line()).isEqualTo(2);
        assertThat(env.arguments()).isEqualTo("A=1     B=2");
        assertThat(d.instructions().get(2).line()).isEqualTo(6);
    }

    @Test
    void escapeDirective_switchesTheContinuationCharacter() {
        Dockerfile d = parse("# escape=`", "FROM scratch", "COPY a `", "  C:\\dir\\ /x");
        assertThat(d.escape()).isEqualTo('`');
        assertThat(d.directives()).containsEntry("escape", "`");
        assertThat(d.instructions().get(1).arguments()).isEqualTo("a   C:\\dir\\ /x");
    }

    @Test
    void directives_onlyAtTheTop() {
        Dockerfile d = parse("# syntax=docker/dockerfile:1", "FROM scratch", "# escape=`", "COPY a \\", " b");
        assertThat(d.directives()).containsOnlyKeys("syntax");
        assertThat(d.escape()).isEqualTo('\\');
        assertThat(d.instructions().get(1).arguments()).isEqualTo("a  b");
    }

    @Test
    void badEscapeDirective_isRefused() {
        assertThatThrownBy(() -> parse("# escape=x", "FROM scratch")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("escape");
    }

    @Test
    void flags_areReadForEveryInstructionAsDockerDoes_andEndAtDoubleDash() {
        Dockerfile d = parse("FROM --platform=linux/arm64 base AS build", "COPY --chown=1000:1000 --link a /a", "CMD --help",
                "COPY -- foo /tmp/", "CMD -- --help", "COPY --chown=\"app user\" b /b");
        assertThat(d.instructions().get(0).flags()).isEqualTo(Map.of("platform", "linux/arm64"));
        assertThat(d.instructions().get(0).arguments()).isEqualTo("base AS build");
        assertThat(d.instructions().get(1).flags()).isEqualTo(Map.of("chown", "1000:1000", "link", ""));
        assertThat(d.instructions().get(1).flags().keySet()).containsExactly("chown", "link");
        assertThat(d.instructions().get(2).flags()).isEqualTo(Map.of("help", ""));
        assertThat(d.instructions().get(2).arguments()).isEmpty();
        assertThat(d.instructions().get(3).flags()).isEmpty();
        assertThat(d.instructions().get(3).arguments()).isEqualTo("foo /tmp/");
        assertThat(d.instructions().get(4).flags()).isEmpty();
        assertThat(d.instructions().get(4).arguments()).isEqualTo("--help");
        assertThat(d.instructions().get(5).flags()).isEqualTo(Map.of("chown", "app user"));
    }

    @Test
    void execForm_onlyForValidJsonStringArrays() {
        Dockerfile d = parse("FROM scratch", "CMD [\"a\", \"b c\"]", "CMD [a, b]", "CMD [\"a\", \"b\"", "ENV X [1]");
        assertThat(d.instructions().get(1).execForm()).contains(List.of("a", "b c"));
        assertThat(d.instructions().get(2).execForm()).isEmpty();
        assertThat(d.instructions().get(3).execForm()).isEmpty();
        assertThat(d.instructions().get(4).execForm()).isEmpty();
    }

    @Test
    void jsonArrayWithOtherThanStrings_isRefusedAsDockerDoes() {
        for (String bad : List.of("CMD [\"a\", 1]", "CMD [ \"echo\", [ \"nested\" ] ]", "COPY [\"a\", {\"b\": null}]",
                "HEALTHCHECK CMD [true]")) {
            assertThatThrownBy(() -> parse("FROM scratch", bad)).isInstanceOf(DockerfileException.class)
                    .hasMessageContaining("Dockerfile:2").hasMessageContaining("arrays must be comprised of strings only");
        }
    }

    @Test
    void escapedTrailingEscape_isNoContinuation() {
        Dockerfile d = parse("FROM scratch", "ENV C trailing\\\\backslash\\\\", "ENV D next", "ENV E a\\", "\\", "b");
        assertThat(d.instructions()).extracting(Instruction::arguments)
                .containsExactly("scratch", "C trailing\\\\backslash\\\\", "D next", "E ab");
    }

    @Test
    void noInstructionsOrEnvWithoutValue_areRefused() {
        assertThatThrownBy(() -> parse("# only a comment", "")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("no instructions");
        assertThatThrownBy(() -> parse("FROM scratch", "ENV PATH")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("Dockerfile:2").hasMessageContaining("ENV must have two arguments");
    }

    @Test
    void unknownInstruction_failsNamingTheLine() {
        assertThatThrownBy(() -> parse("FROM scratch", "", "COPPY a /a")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:3: COPPY a /a: unknown instruction 'COPPY'")
                .satisfies(e -> {
                    DockerfileException d = (DockerfileException) e;
                    assertThat(d.line()).isEqualTo(3);
                    assertThat(d.instruction()).contains("COPPY a /a");
                    assertThat(d.hint()).isPresent();
                });
    }

    @Test
    void heredocBodies_areSkippedNotParsedAsInstructions() {
        Dockerfile d = parse("FROM scratch", "RUN <<EOF", "echo hello", "not an instruction", "EOF", "CMD [\"x\"]");
        assertThat(d.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "CMD");
        assertThat(d.instructions().get(2).line()).isEqualTo(6);
    }

    @Test
    void crlfAndBom_areAccepted() {
        Dockerfile d = Dockerfile.parse("\uFEFFFROM scratch\r\nCOPY a /a\r\n", "Dockerfile");
        assertThat(d.instructions()).extracting(Instruction::arguments).containsExactly("scratch", "a /a");
    }

    @Test
    void parse_missingFile_saysWhatToDo() {
        assertThatThrownBy(() -> Dockerfile.parse(Path.of("/nonexistent/Dockerfile"))).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("does not exist");
    }
}
