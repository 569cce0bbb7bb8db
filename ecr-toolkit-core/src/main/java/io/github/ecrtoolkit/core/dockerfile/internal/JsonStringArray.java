package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON array of strings — the exec form of {@code CMD}, {@code ENTRYPOINT}, {@code RUN},
 * {@code SHELL}, {@code COPY} — by hand: loading a JSON library for it cost a Dockerfile build
 * about 880 classes on the main thread. Anything that is not exactly such an array (another value
 * type, a trailing comma, a bad escape) is empty, and the instruction is then in shell form, as
 * Docker does. {@code JsonStringArrayTest} checks it against Jackson.
 */
final class JsonStringArray {

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
