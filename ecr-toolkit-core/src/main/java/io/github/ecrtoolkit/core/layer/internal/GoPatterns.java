package io.github.ecrtoolkit.core.layer.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates Go path patterns to Java regular expressions: {@code filepath.Match} (used by COPY
 * sources) and the {@code .dockerignore} dialect of moby's patternmatcher, which adds {@code **}.
 * Paths are slash-separated and relative.
 */
public final class GoPatterns {

    private GoPatterns() {
    }

    /** Whether {@code pattern} holds a {@code filepath.Match} meta character. */
    public static boolean hasMeta(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * Go {@code filepath.Match}: {@code *} and {@code ?} never cross a {@code /}, {@code [..]}
     * classes with {@code ^} negation and ranges, {@code \} escapes.
     *
     * @throws IllegalArgumentException when the pattern is malformed (as Go's ErrBadPattern)
     */
    public static Pattern filepathMatch(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                i = appendClass(pattern, i, regex);
            } else if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw new IllegalArgumentException("bad pattern '" + pattern + "': trailing \\");
                }
                appendLiteral(pattern.charAt(i + 1), regex);
                i += 2;
            } else {
                appendLiteral(c, regex);
                i++;
            }
        }
        return compile(regex.append('$').toString(), pattern);
    }

    /**
     * A cleaned {@code .dockerignore} pattern as moby's patternmatcher compiles it: {@code **}
     * matches any number of path segments (even none), {@code *} and {@code ?} stay within a
     * segment, {@code \} escapes the next character.
     */
    public static Pattern dockerIgnore(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i += 2;
                    if (i < n && pattern.charAt(i) == '/') {
                        i++; // "**/" is "**"
                    }
                    regex.append(i >= n ? ".*" : "(.*/)?");
                } else {
                    regex.append("[^/]*");
                    i++;
                }
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                i = appendClass(pattern, i, regex);
            } else if (c == '\\') {
                if (i + 1 < n) {
                    appendLiteral(pattern.charAt(i + 1), regex);
                    i += 2;
                } else {
                    appendLiteral('\\', regex);
                    i++;
                }
            } else {
                appendLiteral(c, regex);
                i++;
            }
        }
        return compile(regex.append('$').toString(), pattern);
    }

    private static int appendClass(String pattern, int start, StringBuilder regex) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        boolean negated = i < pattern.length() && pattern.charAt(i) == '^';
        if (negated) {
            cls.append('^');
            i++;
        }
        boolean any = false;
        while (i < pattern.length() && (pattern.charAt(i) != ']' || !any)) {
            char c = pattern.charAt(i);
            if (c == ']' && !any) {
                throw new IllegalArgumentException("bad pattern '" + pattern + "': empty character class");
            }
            if (c == '\\') {
                i++;
                if (i >= pattern.length()) {
                    break;
                }
                c = pattern.charAt(i);
            }
            if (c == '-' && any && i + 1 < pattern.length() && pattern.charAt(i + 1) != ']') {
                cls.append('-');
            } else {
                appendClassChar(c, cls);
            }
            any = true;
            i++;
        }
        if (i >= pattern.length()) {
            throw new IllegalArgumentException("bad pattern '" + pattern + "': unclosed character class");
        }
        // a negated class must still not match the separator
        regex.append(cls).append(negated ? "/]" : "]");
        return i + 1;
    }

    private static void appendClassChar(char c, StringBuilder cls) {
        if (Character.isLetterOrDigit(c)) {
            cls.append(c);
        } else {
            cls.append(String.format("\\x{%x}", (int) c));
        }
    }

    private static void appendLiteral(char c, StringBuilder regex) {
        if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '-') {
            regex.append(c);
        } else {
            regex.append(String.format("\\x{%x}", (int) c));
        }
    }

    private static Pattern compile(String regex, String pattern) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad pattern '" + pattern + "': " + e.getDescription(), e);
        }
    }
}
