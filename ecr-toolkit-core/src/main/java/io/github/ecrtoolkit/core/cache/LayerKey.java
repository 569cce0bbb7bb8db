package io.github.ecrtoolkit.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.ecrtoolkit.core.cache.internal.BufferedSha256;

/**
 * What a layer is made from, reduced to one SHA-256: for every entry its path in the layer, kind,
 * size, modification and change times, mode, owner and link target, plus every builder setting
 * that changes the bytes (compression, fixed times, ownership rules). Built from file metadata
 * alone, so a cache hit costs a {@code stat} per file: no file is read, tarred or compressed.
 *
 * <pre>{@code
 * LayerKey key = LayerKey.builder()
 *         .setting("compression", Compression.gzip().cacheKey())
 *         .file("app/libs/a.jar", Path.of("libs/a.jar"))
 *         .build();
 * }</pre>
 */
public final class LayerKey {

    private final String hex;

    private LayerKey(String hex) {
        this.hex = hex;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A key whose entries go straight into its digest, one by one in path order, instead of being
     * collected first: for layers of many entries, whose collected text would take megabytes. The
     * same settings and entries give the same key as {@link #builder()} with
     * {@link Builder#entry(String, String)}.
     *
     * <pre>{@code
     * LayerKey.EntryWriter key = LayerKey.entryWriter(Map.of("tar", "pax-sorted-1"));
     * StringBuilder line = new StringBuilder();
     * for (LayerEntry e : spec.entries()) {      // sorted by path
     *     line.setLength(0);
     *     key.entry(e.path(), line.append(e.type()).append(' ').append(e.size()));
     * }
     * LayerKey done = key.build();
     * }</pre>
     *
     * @param settings builder settings that change the layer's bytes, as {@link Builder#setting}
     */
    public static EntryWriter entryWriter(Map<String, String> settings) {
        return new EntryWriter(new TreeMap<>(settings));
    }

    /** This key refined by one more setting, e.g. the compression a writer adds. */
    public LayerKey with(String name, String value) {
        return builder().setting("base", hex).setting(name, value).build();
    }

    /** The key as 64 lower-case hex digits; used as a file name in the cache. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerKey k && k.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return "LayerKey[" + hex.substring(0, 12) + "]";
    }

    /** Collects a layer's inputs; not thread-safe. Order of calls does not matter. */
    public static final class Builder {

        private final Map<String, String> entries = new TreeMap<>();
        private final Map<String, String> settings = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds a builder setting that changes the layer's bytes.
         *
         * @throws IllegalArgumentException if the name was already set
         */
        public Builder setting(String name, String value) {
            if (settings.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("setting " + name + " given twice");
            }
            return this;
        }

        /**
         * Adds the file, directory or symbolic link at {@code source}, placed at {@code pathInLayer}.
         *
         * @throws IOException if its metadata cannot be read
         */
        public Builder file(String pathInLayer, Path source) throws IOException {
            Map<String, Object> a = attributes(source);
            boolean link = (Boolean) a.get("isSymbolicLink");
            boolean dir = (Boolean) a.get("isDirectory");
            String kind = link ? "L" : dir ? "D" : "F";
            StringBuilder line = new StringBuilder(96)
                    .append(kind)
                    .append(' ').append(dir ? 0 : (Long) a.get("size"))
                    .append(' ').append(nanos((FileTime) a.get("lastModifiedTime")))
                    .append(' ').append(nanos((FileTime) a.getOrDefault("ctime", a.get("lastModifiedTime"))))
                    .append(' ').append(a.getOrDefault("mode", mode(source)))
                    .append(' ').append(a.getOrDefault("uid", -1))
                    .append(' ').append(a.getOrDefault("gid", -1));
            if (link) {
                String target = Files.readSymbolicLink(source).toString();
                line.append(' ').append(target.length()).append(':').append(target);
            }
            entries.put(pathInLayer, line.toString());
            return this;
        }

        /**
         * Adds a file from disk with extra text that the layer records about it (its mode and
         * owner in the layer, say), on top of its own metadata.
         *
         * @throws IOException if its metadata cannot be read
         */
        public Builder file(String pathInLayer, Path source, String recorded) throws IOException {
            file(pathInLayer, source);
            entries.put(pathInLayer, entries.get(pathInLayer) + " R " + recorded.length() + ":" + recorded);
            return this;
        }

        /** Adds an entry that has no file on disk (a directory made up, bytes given in code), by its full description. */
        public Builder entry(String pathInLayer, String description) {
            entries.put(pathInLayer, "V " + description.length() + ":" + description);
            return this;
        }

        /** The key; the same inputs give the same key in any process, on any day. */
        public LayerKey build() {
            EntryWriter writer = new EntryWriter(settings);
            entries.forEach(writer::line);
            return writer.build();
        }

        private static long nanos(FileTime time) {
            return time.toInstant().getEpochSecond() * 1_000_000_000L + time.toInstant().getNano();
        }

        private static Map<String, Object> attributes(Path source) throws IOException {
            try {
                return Files.readAttributes(source, "unix:*", LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return Files.readAttributes(source, "basic:*", LinkOption.NOFOLLOW_LINKS);
            }
        }

        private static Object mode(Path source) throws IOException {
            try {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
                return p.toString();
            } catch (UnsupportedOperationException e) {
                return Files.isExecutable(source) ? "x" : "-";
            }
        }
    }

    /**
     * Writes a key's settings and then its entries, in path order, straight into its SHA-256; made by
     * {@link #entryWriter(Map)}. Not thread-safe.
     */
    public static final class EntryWriter {

        private static final int FORMAT = 1;
        private final BufferedSha256 sha = new BufferedSha256();
        private String lastPath;

        private EntryWriter(Map<String, String> sortedSettings) {
            append("ecr-toolkit layer key ").append(Integer.toString(FORMAT)).append("\n");
            sortedSettings.forEach((k, v) -> append("S ").length(k).append(k).append(" ").length(v).append(v).append("\n"));
        }

        /**
         * Adds an entry that has no file on disk by its full description, as {@link Builder#entry}.
         *
         * @throws IllegalArgumentException if {@code pathInLayer} does not come after the previous entry's path
         */
        public EntryWriter entry(String pathInLayer, CharSequence description) {
            order(pathInLayer);
            append("E ").length(pathInLayer).append(pathInLayer).append(" V ").length(description).append(description)
                    .append("\n");
            return this;
        }

        /** The key; no entry can be added after. */
        public LayerKey build() {
            return new LayerKey(sha.hex());
        }

        /** An entry line as the builder collected it. */
        private void line(String pathInLayer, String text) {
            order(pathInLayer);
            append("E ").length(pathInLayer).append(pathInLayer).append(" ").append(text).append("\n");
        }

        private void order(String path) {
            if (lastPath != null && path.compareTo(lastPath) <= 0) {
                throw new IllegalArgumentException("layer key entries must come in path order, each once: " + path
                        + " came after " + lastPath);
            }
            lastPath = path;
        }

        private EntryWriter length(CharSequence text) {
            return append(Integer.toString(text.length())).append(":");
        }

        /**
         * Appends {@code text} as UTF-8, in one bulk copy: a loop over its characters was a fifth of a
         * cold no-change push's key time, run before the JIT compiles it.
         */
        private EntryWriter append(CharSequence text) {
            sha.write(text.toString().getBytes(StandardCharsets.UTF_8));
            return this;
        }
    }
}
