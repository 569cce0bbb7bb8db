package io.github.ecrtoolkit.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

        private static final int FORMAT = 1;
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
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            update(sha, "ecr-toolkit layer key " + FORMAT + "\n");
            settings.forEach((k, v) -> update(sha, "S " + k.length() + ":" + k + " " + v.length() + ":" + v + "\n"));
            entries.forEach((p, line) -> update(sha, "E " + p.length() + ":" + p + " " + line + "\n"));
            return new LayerKey(HexFormat.of().formatHex(sha.digest()));
        }

        private static void update(MessageDigest sha, String text) {
            sha.update(text.getBytes(StandardCharsets.UTF_8));
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
}
