package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's word processing for Dockerfile arguments: quote removal, escapes, and variable
 * substitution with {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}},
 * {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?message}} and {@code ${VAR?message}}.
 * Unset variables, positional parameters ({@code $1}) and special parameters ({@code $@ $* $# $? $-
 * $$ $! $0}) expand to nothing, as in Docker. Malformed input raises {@link IllegalArgumentException}.
 * Checked against buildkit's own test files by {@code ShellConformanceTest}.
 */
public final class ShellLexer {

    private static final String SPECIAL_PARAMETERS = "@*#?-$!0";

    private final char escape;

    public ShellLexer(char escape) {
        this.escape = escape;
    }

    /**
     * Splits at whitespace outside quotes and not escaped; quotes and escapes stay in the words
     * for {@link #word} to process.
     */
    public List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            word.append(c);
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Processes each whitespace-separated field, as Docker does for {@code FROM}, {@code EXPOSE},
     * {@code VOLUME} and the shell form of {@code COPY}/{@code ADD}: quotes do not keep
     * whitespace together there (use the JSON form for paths with spaces).
     */
    public List<String> fields(String text, Map<String, String> variables) {
        List<String> out = new ArrayList<>();
        for (String field : text.strip().split("\\s+")) {
            if (!field.isEmpty()) {
                out.add(word(field, variables));
            }
        }
        return out;
    }

    /**
     * Processes {@code text} as buildkit's {@code ProcessWords}: quotes and escapes removed,
     * variables substituted, then split into words at whitespace that is neither quoted nor
     * escaped, including whitespace that a variable's value brings ({@code $V} with {@code V="a b"}
     * gives two words, {@code "$V"} one).
     */
    public List<String> words(String text, Map<String, String> variables) {
        Words words = new Words();
        process(new Scanner(text), variables, (char) 0, words);
        return words.finish();
    }

    /** One word with quotes removed and variables substituted (buildkit's {@code ProcessWord}). */
    public String word(String text, Map<String, String> variables) {
        return process(new Scanner(text), variables, (char) 0, new Words());
    }

    private String process(Scanner s, Map<String, String> vars, char stop, Words words) {
        StringBuilder out = new StringBuilder();
        while (!s.eof()) {
            char c = s.peek();
            if (stop != 0 && c == stop) {
                s.next();
                return out.toString();
            }
            s.next();
            if (c == '$') {
                String value = dollar(s, vars);
                out.append(value);
                words.addSplitting(value);
            } else if (c == '\'' || c == '"') {
                String quoted = c == '\'' ? singleQuoted(s) : doubleQuoted(s, vars);
                out.append(quoted);
                words.addKept(quoted);
            } else if (c == escape) {
                if (s.eof()) {
                    break; // a trailing escape is dropped
                }
                char escaped = s.next();
                out.append(escaped);
                words.addKept(String.valueOf(escaped));
            } else {
                out.append(c);
                words.addSplitting(String.valueOf(c));
            }
        }
        if (stop != 0) {
            throw new IllegalArgumentException("missing '" + stop + "'");
        }
        return out.toString();
    }

    private static String singleQuoted(Scanner s) {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (s.eof()) {
                throw new IllegalArgumentException("unexpected end of statement while looking for matching single-quote");
            }
            char c = s.next();
            if (c == '\'') {
                return out.toString();
            }
            out.append(c);
        }
    }

    private String doubleQuoted(Scanner s, Map<String, String> vars) {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (s.eof()) {
                throw new IllegalArgumentException("unexpected end of statement while looking for matching double-quote");
            }
            char c = s.next();
            if (c == '"') {
                return out.toString();
            }
            if (c == '$') {
                out.append(dollar(s, vars));
            } else if (c == escape) {
                if (s.eof()) {
                    continue;
                }
                char n = s.peek();
                if (n == '"' || n == '$' || n == escape) {
                    out.append(s.next());
                } else {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
    }

    private String dollar(Scanner s, Map<String, String> vars) {
        if (s.eof() || s.peek() != '{') {
            String name = name(s);
            return name.isEmpty() ? "$" : vars.getOrDefault(name, "");
        }
        s.next();
        if (s.eof()) {
            throw new IllegalArgumentException("missing '}' after ${");
        }
        if (s.peek() == '{' || s.peek() == '}' || s.peek() == ':') {
            throw new IllegalArgumentException("bad substitution: ${ needs a variable name");
        }
        String name = name(s);
        if (s.eof()) {
            throw new IllegalArgumentException("missing '}' after ${" + name);
        }
        char c = s.next();
        if (c == '}') {
            return vars.getOrDefault(name, "");
        }
        boolean colon = c == ':';
        if (colon) {
            if (s.eof()) {
                throw new IllegalArgumentException("missing '}' after ${" + name + ":");
            }
            c = s.next();
        }
        if (c != '-' && c != '+' && c != '?') {
            throw new IllegalArgumentException("unsupported modifier '" + (colon ? ":" : "") + c + "' in ${" + name
                    + "...}; use ${VAR}, ${VAR:-default}, ${VAR:+alternative} or ${VAR:?message}");
        }
        String word = process(s, vars, '}', new Words());
        String value = vars.get(name);
        boolean set = value != null && (!colon || !value.isEmpty());
        return switch (c) {
            case '-' -> set ? value : word;
            case '+' -> set ? word : "";
            default -> {
                if (!set) {
                    throw new IllegalArgumentException(name + ": " + (!word.isEmpty() ? word
                            : colon ? "is not allowed to be empty" : "is not allowed to be unset"));
                }
                yield value;
            }
        };
    }

    /**
     * A variable name: letters, digits and '_'; or only digits (a positional parameter); or one
     * of the shell's special parameters {@code @ * # ? - $ ! 0}. Positional and special
     * parameters are never set in a Dockerfile, so they expand to nothing, as in Docker.
     */
    private static String name(Scanner s) {
        StringBuilder name = new StringBuilder();
        while (!s.eof()) {
            char c = s.peek();
            if (name.length() == 0 && Character.isDigit(c)) {
                while (!s.eof() && Character.isDigit(s.peek())) {
                    name.append(s.next());
                }
                return name.toString();
            }
            if (name.length() == 0 && SPECIAL_PARAMETERS.indexOf(c) >= 0) {
                return String.valueOf(s.next());
            }
            if (!Character.isLetterOrDigit(c) && c != '_') {
                break;
            }
            name.append(s.next());
        }
        return name.toString();
    }

    /**
     * Collects words as buildkit's {@code ProcessWords} does: whitespace from the text or from a
     * variable's value ends a word; quoted or escaped text never does.
     */
    private static final class Words {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addSplitting(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Character.isWhitespace(c)) {
                    word.append(c);
                    inWord = true;
                } else if (inWord && word.length() > 0) {
                    done.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
        }

        void addKept(String text) {
            word.append(text);
            inWord = true;
        }

        List<String> finish() {
            if (word.length() > 0) {
                done.add(word.toString());
                word.setLength(0);
            }
            return done;
        }
    }

    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean eof() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        char next() {
            return text.charAt(pos++);
        }
    }
}
