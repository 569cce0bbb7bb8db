package io.github.ecrtoolkit.core.layer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlashPathsTest {

    /** Go's own path.Clean test table (src/path/path_test.go). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "''|.", "abc|abc", "abc/def|abc/def", "a/b/c|a/b/c", ".|.", "..|..", "../..|../..", "../../abc|../../abc",
        "/abc|/abc", "/|/", "abc/|abc", "abc/def/|abc/def", "a/b/c/|a/b/c", "./|.", "../|..", "../../|../..", "/abc/|/abc",
        "abc//def//ghi|abc/def/ghi", "//abc|/abc", "///abc|/abc", "//abc//|/abc", "abc//|abc",
        "abc/./def|abc/def", "/./abc/def|/abc/def", "abc/.|abc",
        "abc/def/ghi/../jkl|abc/def/jkl", "abc/def/../ghi/../jkl|abc/jkl", "abc/def/..|abc", "abc/def/../..|.",
        "/abc/def/../..|/", "abc/def/../../..|..", "/abc/def/../../..|/", "abc/def/../../../ghi/jkl/../../../mno|../../mno",
        "abc/./../def|def", "abc//./../def|def", "abc/../../././../def|../../def",
    })
    void clean_matchesGo(String path, String cleaned) {
        assertThat(SlashPaths.clean(path)).isEqualTo(cleaned);
    }

    @Test
    void clean_ofACleanPath_returnsTheSameString() {
        String path = "app/classes/com/example/Main.class";
        assertThat(SlashPaths.clean(path)).isSameAs(path);
        assertThat(SlashPaths.relative(path)).isSameAs(path);
    }

    @Test
    void clean_givesWhatTheSplittingImplementationGave_onRandomPaths() {
        Random random = new Random(42);
        String[] pieces = {"/", "//", ".", "..", "a", "bc", "d.e", "..f", ".g", "h..", "/./", "/../"};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(SlashPaths.clean(path.toString())).as("clean(%s)", path).isEqualTo(splittingClean(path.toString()));
        }
    }

    /** The former implementation, kept as the reference: split on runs of slashes, a stack of elements. */
    private static String splittingClean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        int leadingDotDots = 0;
        for (String part : path.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                } else if (!rooted) {
                    leadingDotDots++;
                }
                continue;
            }
            parts.addLast(part);
        }
        StringBuilder out = new StringBuilder(rooted ? "/" : "");
        for (int i = 0; i < leadingDotDots; i++) {
            out.append(out.length() > 0 && out.charAt(out.length() - 1) != '/' ? "/" : "").append("..");
        }
        for (String part : parts) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
                out.append('/');
            }
            out.append(part);
        }
        return out.length() == 0 ? "." : out.toString();
    }

    @Test
    void relative_takesItsShortcutOnlyForPathsThatAreCleanAlready() {
        String[] parts = {"a", "..", ".", "", "b.c", "...", ".d"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder path = new StringBuilder(random.nextBoolean() ? "/" : "");
            for (int k = random.nextInt(5); k >= 0; k--) {
                path.append(parts[random.nextInt(parts.length)]).append(k > 0 ? "/" : random.nextBoolean() ? "/" : "");
            }
            String clean = SlashPaths.clean(path.toString());
            String expected = clean.startsWith("/") ? clean.substring(1) : clean.equals(".") ? "" : clean;
            org.assertj.core.api.Assertions.assertThat(SlashPaths.relative(path.toString())).as(path.toString()).isEqualTo(expected);
        }
    }
}
