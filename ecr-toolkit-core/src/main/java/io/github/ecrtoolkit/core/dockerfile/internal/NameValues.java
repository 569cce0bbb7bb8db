package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The name/value pairs of {@code ENV} and {@code LABEL} as Docker's parser splits them, before
 * any variable is substituted: {@code KEY=value ...} (words split as {@link ShellLexer#split}), or
 * the old {@code KEY value with spaces} form, chosen by whether the first word holds a {@code =}.
 */
final class NameValues {

    /** One pair as written; {@code equals} tells the {@code KEY=value} form from the old one. */
    record Pair(String name, String value, boolean equals) {
    }

    private NameValues() {
    }

    /** @throws IllegalArgumentException with Docker's reason when the text is not name/value pairs */
    static List<Pair> parse(String arguments, String keyword, ShellLexer lexer) {
        List<String> words = lexer.split(arguments);
        if (words.isEmpty()) {
            throw new IllegalArgumentException(keyword + " requires at least one argument");
        }
        if (!words.get(0).contains("=")) {
            String[] parts = arguments.strip().split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(keyword + " must have two arguments");
            }
            return List.of(new Pair(parts[0], parts[1], false));
        }
        List<Pair> pairs = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("can't find = in \"" + word + "\"; it must be of the form name=value");
            }
            pairs.add(new Pair(word.substring(0, eq), word.substring(eq + 1), true));
        }
        return pairs;
    }
}
