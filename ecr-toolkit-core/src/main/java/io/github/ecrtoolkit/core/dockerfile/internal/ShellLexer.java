package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's word processing for Dockerfile arguments: quote removal, escapes, and variable
 * substitution with {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}},
 * {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?message}} and {@code ${VAR?message}}.
 * Unset variables expand to nothing. Malformed input raises {@link IllegalArgumentException}.
 */
public final class ShellLexer {

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

    /** Processes each of {@link #split} words. */
    public List<String> words(String text, Map<String, String> variables) {
        List<String> out = new ArrayList<>();
        for (String w : split(text)) {
            out.add(word(w, variables));
        }
        return out;
    }

    /** One word with quotes removed and variables substituted. */
    public String word(String text, Map<String, String> variables) {
        Scanner s = new Scanner(text);
        String result = processUntil(s, variables, (char) 0);
        return result;
    }

    private String processUntil(Scanner s, Map<String, String> vars, char stop) {
        StringBuilder out = new StringBuilder();
        while (!s.eof()) {
            char c = s.peek();
            if (stop != 0 && c == stop) {
                s.next();
                return out.toString();
            }
            s.next();
            if (c == escape) {
                if (!s.eof()) {
                    out.append(s.next());
                }
            } else if (c == '\'') {
                out.append(singleQuoted(s));
            } else if (c == '"') {
                out.append(doubleQuoted(s, vars));
            } else if (c == '$') {
                out.append(dollar(s, vars));
            } else {
                out.append(c);
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
        if (s.eof()) {
            return "$";
        }
        if (s.peek() != '{') {
            String name = name(s);
            return name.isEmpty() ? "$" : vars.getOrDefault(name, "");
        }
        s.next();
        String name = name(s);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("bad substitution: ${ without a variable name");
        }
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
        String word = processUntil(s, vars, '}');
        String value = vars.get(name);
        boolean set = value != null && (!colon || !value.isEmpty());
        return switch (c) {
            case '-' -> set ? value : word;
            case '+' -> set ? word : "";
            default -> {
                if (!set) {
                    throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not set" : word));
                }
                yield value;
            }
        };
    }

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
            if (!Character.isLetterOrDigit(c) && c != '_') {
                break;
            }
            name.append(s.next());
        }
        return name.toString();
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
