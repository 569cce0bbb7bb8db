package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.dockerfile.internal.ShellLexer;

class ShellLexerTest {

    private static final Map<String, String> VARS = Map.of("NAME", "app", "EMPTY", "", "V", "1.2");
    private final ShellLexer lexer = new ShellLexer('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "$NAME|app",
        "${NAME}|app",
        "${NAME}-${V}.jar|app-1.2.jar",
        "$NAME.jar|app.jar",
        "${MISSING}|~~",
        "${MISSING:-dflt}|dflt",
        "${EMPTY:-dflt}|dflt",
        "${EMPTY-dflt}|~~",
        "${MISSING-dflt}|dflt",
        "${NAME:+alt}|alt",
        "${EMPTY:+alt}|~~",
        "${EMPTY+alt}|alt",
        "${MISSING:-${NAME}}|app",
        "'$NAME'|$NAME",
        "\"$NAME x\"|app x",
        "\\$NAME|$NAME",
        "\"a\\\"b\"|a\"b",
        "\"a\\nb\"|a\\nb",
        "a\\ b|a b",
        "$|$",
        "$1x|x",
        "cost: 5$|cost: 5$",
    })
    void word_substitutesAndRemovesQuotesLikeDocker(String input, String expected) {
        assertThat(lexer.word(input, VARS)).isEqualTo(expected);
    }

    @Test
    void requiredVariable_failsWithItsMessage() {
        assertThatThrownBy(() -> lexer.word("${MISSING:?set MISSING please}", VARS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set MISSING please");
        assertThat(lexer.word("${NAME:?x}", VARS)).isEqualTo("app");
    }

    @Test
    void unsupportedModifierOrUnclosedBrace_fail() {
        assertThatThrownBy(() -> lexer.word("${NAME/a/b}", VARS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported");
        assertThatThrownBy(() -> lexer.word("${NAME", VARS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lexer.word("\"open", VARS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double-quote");
    }

    @Test
    void split_keepsQuotedWhitespaceTogether() {
        assertThat(lexer.split("a=\"x y\" b='p q' c\\ d  e")).containsExactly("a=\"x y\"", "b='p q'", "c\\ d", "e");
        assertThat(lexer.words("a=\"x y\" $NAME", VARS)).isEqualTo(List.of("a=x y", "app"));
    }

    @Test
    void backtickEscape_worksLikeBackslash() {
        ShellLexer windows = new ShellLexer('`');
        assertThat(windows.word("C:\\dir`$NAME", VARS)).isEqualTo("C:\\dir$NAME");
    }
}
