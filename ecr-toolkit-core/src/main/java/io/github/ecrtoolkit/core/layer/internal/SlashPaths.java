package io.github.ecrtoolkit.core.layer.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go {@code path.Clean} and friends for {@code /}-separated paths. */
public final class SlashPaths {

    private SlashPaths() {
    }

    /**
     * Go's {@code path.Clean}: one slash between elements, no {@code .} elements, {@code ..}
     * resolved lexically (never above the root of an absolute path), no trailing slash;
     * an empty result is {@code .}.
     */
    public static String clean(String path) {
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

    /**
     * A path relative to a root: cleaned, leading {@code /} removed, {@code ""} for the root
     * itself. A result starting with {@code ..} means the path climbs above the root.
     */
    public static String relative(String path) {
        String clean = clean(path);
        if (clean.startsWith("/")) {
            return clean.substring(1);
        }
        return clean.equals(".") ? "" : clean;
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
