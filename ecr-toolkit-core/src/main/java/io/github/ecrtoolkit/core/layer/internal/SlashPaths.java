package io.github.ecrtoolkit.core.layer.internal;

/** Go {@code path.Clean} and friends for {@code /}-separated paths. */
public final class SlashPaths {

    private SlashPaths() {
    }

    /**
     * Go's {@code path.Clean}: one slash between elements, no {@code .} elements, {@code ..}
     * resolved lexically (never above the root of an absolute path), no trailing slash;
     * an empty result is {@code .}. A path that is clean already is returned as it is, without
     * copying: every entry of a layer passes through here.
     */
    public static String clean(String path) {
        int n = path.length();
        if (n == 0) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        // Go's algorithm: read at r, write at w into a buffer made only once the output differs from the input
        char[] out = null;
        int w = 0;
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            w = 1;
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++; // empty element
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++; // . element
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2; // .. element: remove the last element written
                if (w > dotdot) {
                    w--;
                    while (w > dotdot && charAt(out, path, w) != '/') {
                        w--;
                    }
                } else if (!rooted) {
                    if (w > 0) {
                        out = put(out, path, w++, '/');
                    }
                    out = put(out, path, w++, '.');
                    out = put(out, path, w++, '.');
                    dotdot = w;
                }
            } else {
                if ((rooted && w != 1) || (!rooted && w != 0)) {
                    out = put(out, path, w++, '/');
                }
                for (; r < n && path.charAt(r) != '/'; r++) {
                    out = put(out, path, w++, path.charAt(r));
                }
            }
        }
        if (w == 0) {
            return ".";
        }
        return out == null ? (w == n ? path : path.substring(0, w)) : new String(out, 0, w);
    }

    private static char charAt(char[] out, String path, int i) {
        return out == null ? path.charAt(i) : out[i];
    }

    /** Writes {@code c} at {@code w}; copies the input's prefix into a buffer the first time they differ. */
    private static char[] put(char[] out, String path, int w, char c) {
        if (out == null) {
            if (w < path.length() && path.charAt(w) == c) {
                return null;
            }
            out = new char[path.length() + 1];
            path.getChars(0, w, out, 0);
        }
        out[w] = c;
        return out;
    }

    /**
     * A path relative to a root: cleaned, leading {@code /} removed, {@code ""} for the root
     * itself. A result starting with {@code ..} means the path climbs above the root.
     */
    public static String relative(String path) {
        if (isCleanRelative(path)) {
            return path; // every entry of a walked folder comes this way: a few bulk searches, no character loop
        }
        String clean = clean(path);
        if (clean.startsWith("/")) {
            return clean.substring(1);
        }
        return clean.equals(".") ? "" : clean;
    }

    /** Whether {@link #relative} would return {@code path} itself: relative, no empty, {@code .} or {@code ..} element. */
    static boolean isCleanRelative(String path) {
        int n = path.length();
        return n > 0 && path.charAt(0) != '/' && path.charAt(n - 1) != '/' && path.indexOf("//") < 0
                && path.indexOf("/./") < 0 && path.indexOf("/../") < 0 && !path.equals(".") && !path.equals("..")
                && !path.startsWith("./") && !path.startsWith("../") && !path.endsWith("/.") && !path.endsWith("/..");
    }

    /** {@code /}-joins two relative paths, either possibly empty. */
    public static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        if (child.isEmpty()) {
            return parent;
        }
        return parent + "/" + child;
    }

    /** The parent of a relative path, {@code ""} for a top-level name. */
    public static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** The last element of a path. */
    public static String baseName(String path) {
        String clean = clean(path);
        int slash = clean.lastIndexOf('/');
        return slash < 0 ? clean : clean.substring(slash + 1);
    }
}
