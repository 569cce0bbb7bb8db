package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON array of strings — the exec form of {@code CMD}, {@code ENTRYPOINT}, {@code RUN},
 * {@code SHELL}, {@code COPY} — by hand: loading a JSON library for it cost a Dockerfile build
 * about 880 classes on the main thread. Anything that is not exactly such an array (another value
 * type, a trailing comma, a bad escape) is empty, and the instruction is then in shell form, as
 * Docker does. {@code JsonStringArrayTest} checks it against Jackson.
 */
final class JsonStringArray {

    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private final String text;
    private int at;

    private JsonStringArray(String text) {
        this.text = text;
    }

    static Optional<List<String>> parse(String text) {
        try {
            return Optional.of(new JsonStringArray(text).array());
        } catch (IllegalArgumentException notAnArray) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code text} is a JSON array of any values: Docker refuses such an array when an
     * element is not a string (e.g. {@code CMD ["echo", ["nested"]]}) rather than taking it as
     * a shell command.
     */
    static boolean isJsonArray(String text) {
        JsonStringArray reader = new JsonStringArray(text.strip());
        try {
            if (reader.peek() != '[') {
                return false;
            }
            reader.value();
            reader.skipSpace();
            return reader.at == text.strip().length();
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }

    /** Skips one JSON value of any type. */
    private void value() {
        skipSpace();
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '[' || c == '{') {
            char close = c == '[' ? ']' : '}';
            at++;
            skipSpace();
            if (peek() == close) {
                at++;
                return;
            }
            while (true) {
                if (close == '}') {
                    skipSpace();
                    string();
                    skipSpace();
                    expect(':');
                }
                value();
                skipSpace();
                char next = next();
                if (next == close) {
                    return;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("expected , or " + close);
                }
            }
        } else if (!literal("true") && !literal("false") && !literal("null")) {
            number();
        }
    }

    private boolean literal(String word) {
        if (text.startsWith(word, at)) {
            at += word.length();
            return true;
        }
        return false;
    }

    private void number() {
        Matcher m = NUMBER.matcher(text).region(at, text.length());
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a JSON value");
        }
        at = m.end();
    }

    private List<String> array() {
        List<String> values = new ArrayList<>();
        skipSpace();
        expect('[');
        skipSpace();
        if (peek() == ']') {
            at++;
        } else {
            while (true) {
                skipSpace();
                values.add(string());
                skipSpace();
                char c = next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or ]");
                }
            }
        }
        skipSpace();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the array");
        }
        return values;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            throw new IllegalArgumentException("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw new IllegalArgumentException("bad escape");
            }
        }
    }

    private void skipSpace() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\n'
                || text.charAt(at) == '\r')) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }
}
