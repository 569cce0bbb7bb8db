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
                if (i + 1 >= n) {
                    // moby checks every pattern with Go's filepath.Match, which refuses this
                    throw new IllegalArgumentException("bad pattern '" + pattern + "': it ends with an escaping \\ "
                            + "(write \\\\ for a backslash)");
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
     * A {@code [..]} class by Go's grammar: optional {@code ^}, then one or more {@code c} or
     * {@code lo-hi} items where {@code c} is any character but {@code -} and {@code ]}, or one
     * escaped with {@code \}. Anything else is a bad pattern, as in Go.
     */
    private static int appendClass(String pattern, int start, StringBuilder regex) {
        int i = start + 1;
        boolean negated = i < pattern.length() && pattern.charAt(i) == '^';
        if (negated) {
            i++;
        }
        StringBuilder items = new StringBuilder();
        int count = 0;
        while (count == 0 || i >= pattern.length() || pattern.charAt(i) != ']') {
            int lo = classChar(pattern, i);
            i = classCharEnd(pattern, i);
            int hi = lo;
            if (pattern.charAt(i) == '-') {
                hi = classChar(pattern, i + 1);
                i = classCharEnd(pattern, i + 1);
            }
            if (hi < lo) {
                throw badClass(pattern); // Go's regexp, which moby compiles patterns to, refuses it
            }
            items.append(String.format("\\x{%x}-\\x{%x}", lo, hi));
            count++;
        }
        // a negated class must still not match the separator
        regex.append(negated ? "[^/" : "[").append(items).append(']');
        return i + 1;
    }

    /** The character a class item starts with at {@code i}; Go's getEsc. */
    private static int classChar(String pattern, int i) {
        if (i >= pattern.length()) {
            throw badClass(pattern);
        }
        char c = pattern.charAt(i);
        if (c == '-' || c == ']' || (c == '\\' && i + 1 >= pattern.length())) {
            throw badClass(pattern);
        }
        return pattern.codePointAt(c == '\\' ? i + 1 : i);
    }

    private static int classCharEnd(String pattern, int i) {
        int at = pattern.charAt(i) == '\\' ? i + 1 : i;
        int end = at + Character.charCount(pattern.codePointAt(at));
        if (end >= pattern.length()) {
            throw badClass(pattern); // the class is not closed
        }
        return end;
    }

    private static IllegalArgumentException badClass(String pattern) {
        return new IllegalArgumentException("bad pattern '" + pattern + "': malformed character class (write [abc], [a-z] or "
                + "[^a-z] with low <= high, close it with ], and escape a literal '-' or ']' inside it with \\)");
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
