package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerIgnoreTest {

    /** Docker's semantics, one row each: patterns (| separated), path, whether it is excluded. */
    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "*.go; a.go; true",
        "*.go; x/a.go; false",
        "**/*.go; x/y/a.go; true",
        "**/*.go; a.go; true",
        "dir; dir/file; true",
        "dir; dir; true",
        "dir; dirt; false",
        "dir|!dir/keep; dir/keep; false",
        "dir|!dir/keep; dir/other; true",
        "*|!README.md; README.md; false",
        "*|!README.md; src/x.java; true",
        "/abs; abs; true",
        "./rel/x; rel/x; true",
        "a/**; a/b/c; true",
        "a/**; a; false",
        "**; anything/at/all; true",
        "!x|x; x; true",
        "x|!x; x; false",
        "?.txt; a.txt; true",
        "?.txt; ab.txt; false",
        "[a-c].txt; b.txt; true",
        "[a-c].txt; d.txt; false",
        "[^a].txt; b.txt; true",
        "[^a].txt; a.txt; false",
        "\\*.txt; *.txt; true",
        "\\*.txt; a.txt; false",
        "docs/*.md; docs/sub/x.md; false",
        "docs/*.md; docs/x.md; true",
        "**/node_modules; web/node_modules/x/y.js; true",
        "target|!target/*.jar; target/app.jar; false",
        "target|!target/*.jar; target/classes/A.class; true",
        "dir/../other; other; true",
        "a//b/; a/b; true",
        "*.log; logs/x.log; false",
        "*/*.log; logs/x.log; true",
        "**/*.log|!important.log; important.log; false",
        "**/*.log|!important.log; sub/important.log; true",
    })
    void excludes_followsDockerSemantics(String patterns, String path, boolean excluded) {
        DockerIgnore ignore = DockerIgnore.of(Arrays.asList(patterns.split("\\|")));
        assertThat(ignore.excludes(path)).isEqualTo(excluded);
    }

    @Test
    void parse_skipsCommentsAndBlankLinesAndTrimsPatterns() {
        DockerIgnore ignore = DockerIgnore.parse("# a comment\n\n   target  \n! target/app.jar\r\n/.git\n");
        assertThat(ignore.patterns()).containsExactly("target", "!target/app.jar", ".git");
        assertThat(ignore.excludes("target/x")).isTrue();
        assertThat(ignore.excludes("target/app.jar")).isFalse();
        assertThat(ignore.excludes(".git/config")).isTrue();
    }

    @Test
    void parse_likeDocker_dropsAByteOrderMark_andTakesIndentedHashAsAPattern() {
        DockerIgnore ignore = DockerIgnore.parse("\uFEFFfirst\n  #not-a-comment\n");
        assertThat(ignore.patterns()).containsExactly("first", "#not-a-comment");
    }

    @Test
    void excludes_acceptsLeadingSlashOrDotSlashInQueries() {
        DockerIgnore ignore = DockerIgnore.of(List.of("secret.txt"));
        assertThat(ignore.excludes("/secret.txt")).isTrue();
        assertThat(ignore.excludes("./secret.txt")).isTrue();
        assertThat(ignore.excludes("")).isFalse();
    }

    @Test
    void parse_whenPatternIsMalformed_failsNamingTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n[a-")).isInstanceOf(LayerException.class)
                .hasMessageContaining("line 2").hasMessageContaining("[a-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[-]", "[x-]", "[-x]", "[a-b-c]", "[]a]", "[z-a]", "a\\"})
    void parse_whenPatternIsOneDockerRefuses_failsNamingIt(String pattern) {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n" + pattern)).isInstanceOf(LayerException.class)
                .hasMessageContaining("line 2").hasMessageContaining("bad pattern '" + pattern + "'");
    }

    @Test
    void parse_bareExclamationMark_isAnIllegalExclusion() {
        assertThatThrownBy(() -> DockerIgnore.parse("*.log\n!  \n")).isInstanceOf(LayerException.class)
                .hasMessageContaining("line 2").hasMessageContaining("illegal exclusion pattern");
    }

    @Test
    void parse_escapedDashOrBracketInAClass_matchesThem() {
        DockerIgnore ignore = DockerIgnore.of(List.of("[x\\-]", "[\\]a]b"));
        assertThat(ignore.excludes("-")).isTrue();
        assertThat(ignore.excludes("]b")).isTrue();
        assertThat(ignore.excludes("z")).isFalse();
    }

    @Test
    void withExceptions_keepsLiteralPathsEvenWhenExcluded() {
        DockerIgnore ignore = DockerIgnore.of(List.of("*")).withExceptions("Dockerfile", ".dockerignore");
        assertThat(ignore.excludes("Dockerfile")).isFalse();
        assertThat(ignore.excludes(".dockerignore")).isFalse();
        assertThat(ignore.excludes("src")).isTrue();
    }

    @Nested
    class MayIncludeUnder {
        @Test
        void isFalse_withoutExceptions() {
            assertThat(DockerIgnore.of(List.of("target")).mayIncludeUnder("target")).isFalse();
        }

        @Test
        void isTrue_whenAnExceptionPointsInside() {
            assertThat(DockerIgnore.of(List.of("target", "!target/app.jar")).mayIncludeUnder("target")).isTrue();
        }

        @Test
        void isTrue_whenAnExceptionStartsWithAWildcard() {
            assertThat(DockerIgnore.of(List.of("target", "!**/*.jar")).mayIncludeUnder("target")).isTrue();
        }

        @Test
        void isFalse_whenTheExceptionIsElsewhere() {
            assertThat(DockerIgnore.of(List.of("target", "!docs/x.md")).mayIncludeUnder("target")).isFalse();
        }
    }

    @Nested
    class Load {
        @TempDir
        Path context;

        @Test
        void prefersTheDockerfileSpecificIgnoreFile() throws IOException {
            Files.writeString(context.resolve(".dockerignore"), "general\n");
            Files.writeString(context.resolve("Dockerfile.prod.dockerignore"), "specific\n");
            DockerIgnore ignore = DockerIgnore.load(context, "Dockerfile.prod");
            assertThat(ignore.patterns()).containsExactly("specific");
            assertThat(ignore.source()).contains(context.resolve("Dockerfile.prod.dockerignore"));
        }

        @Test
        void fallsBackToDotDockerignore() throws IOException {
            Files.writeString(context.resolve(".dockerignore"), "general\n");
            assertThat(DockerIgnore.load(context, "Dockerfile").patterns()).containsExactly("general");
        }

        @Test
        void withoutAnyFile_excludesNothing() {
            DockerIgnore ignore = DockerIgnore.load(context, "Dockerfile");
            assertThat(ignore.excludesNothing()).isTrue();
            assertThat(ignore.excludes("anything")).isFalse();
        }
    }
}
