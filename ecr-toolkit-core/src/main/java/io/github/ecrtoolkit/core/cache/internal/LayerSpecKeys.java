package io.github.ecrtoolkit.core.cache.internal;

import io.github.ecrtoolkit.core.cache.LayerKey;
import io.github.ecrtoolkit.core.internal.ParallelWork;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cache key of a {@link LayerSpec}: every entry as the tar records it, plus, for a file read
 * from disk, its path, size and modification time as the spec saw them. No file is read or stat-ed
 * again: the spec already did, so a cache hit costs nothing more than building the spec.
 */
public final class LayerSpecKeys {

    /** Entries hashed as one piece: a few per core even for a layer of a few thousand files. */
    static final int CHUNK = 1024;

    /** Bump when the tar writer's output changes for the same input. */
    private static final String TAR_FORMAT = "pax-sorted-2";
    /** Bump when what this class writes per entry changes, so that no two shapes share a key. */
    private static final String ENTRY_FORMAT = "records-1";

    private LayerSpecKeys() {
    }

    /**
     * A file modified this recently may be modified again within the file system's timestamp
     * granularity (a few milliseconds on Linux) keeping its size: its time cannot tell the two
     * apart, so its content is hashed into the key too (git's "racily clean" rule).
     */
    static final Duration RACY = Duration.ofSeconds(2);

    /** The key of {@code spec} written with entry times {@code modificationTime}. */
    public static LayerKey of(LayerSpec spec, Instant modificationTime) {
        return of(spec, modificationTime, Instant.now());
    }

    /**
     * @throws LayerException when a recently modified source cannot be read
     */
    static LayerKey of(LayerSpec spec, Instant modificationTime, Instant now) {
        Instant racy = now.minus(RACY);
        List<LayerEntry> entries = spec.entries();
        // the entries are hashed in chunks, side by side where ParallelWork has helpers (a 50,000-file
        // layer's hash took a fifth of an unchanged push), and the key is the hash of the chunks' hashes
        String[] chunks = new String[Math.max(1, (entries.size() + CHUNK - 1) / CHUNK)];
        ParallelWork.forEach(chunks.length, i -> chunks[i] = chunk(entries.subList(i * CHUNK, Math.min(entries.size(), (i + 1) * CHUNK)), racy));
        LayerKey.EntryWriter key = LayerKey.entryWriter(Map.of("tar", TAR_FORMAT, "mtime", modificationTime.toString(),
                "chunk", Integer.toString(CHUNK), "entries", ENTRY_FORMAT));
        for (int i = 0; i < chunks.length; i++) {
            String index = Integer.toString(i);
            key.entry("0".repeat(8 - index.length()) + index, chunks[i]); // in order as text too
        }
        return key.build();
    }

    private static String chunk(List<LayerEntry> entries, Instant racy) {
        ChunkKey chunk = new ChunkKey(racy);
        for (LayerEntry e : entries) {
            chunk.add(e);
        }
        return chunk.hex();
    }

    /**
     * One chunk's key: each entry as a binary record streamed into a SHA-256 digest, so that a
     * 50,000-entry layer keeps no per-entry text. A record is the path; the type, mode, owner and
     * size; the link target, if any; for a file on disk its folder (or a mark that it is the
     * previous entry's), name and modification time, and, when modified too recently to tell by the
     * time, its content's hash; for content given in code, its hash. Strings carry their length.
     *
     * <p>Written for a short process: records, not text (formatting numbers, and compiling the code
     * that does, was most of an unchanged push's key time), and an entry is added by a method of its
     * own, not in the loop's body (the JIT compiles a method called a thousand times at once, but a
     * loop turned a thousand times per call only after tens of thousands of turns).
     */
    private static final class ChunkKey {
        private final BufferedSha256 sha = new BufferedSha256();
        private final Instant racy;
        /** A folder's files come one after another in path order: its path is written once for them. */
        private Path lastFolder;

        ChunkKey(Instant racy) {
            this.racy = racy;
        }

        void add(LayerEntry e) {
            text(e.path());
            sha.write(e.type().ordinal());
            sha.writeInt(e.mode());
            sha.writeInt(e.uid());
            sha.writeInt(e.gid());
            sha.writeLong(e.size());
            Optional<String> link = e.linkTarget();
            if (link.isPresent()) {
                sha.write('L');
                text(link.get());
            }
            Optional<String> name = e.sourceName();
            if (name.isPresent()) {
                source(e, name.get());
            } else {
                lastFolder = null;
                e.content().ifPresent(c -> {
                    sha.write('C');
                    bytes(sha256().digest(c));
                });
            }
            sha.write('\n');
        }

        private void source(LayerEntry e, String name) {
            Path folder = e.sourceFolder().orElse(null);
            if (folder != null && folder.equals(lastFolder)) {
                sha.write('^');
            } else {
                sha.write('F');
                text(folder == null ? "" : folder.toString());
            }
            lastFolder = folder;
            text(name);
            Optional<Instant> modified = e.sourceModified();
            if (modified.isPresent()) {
                sha.write('M');
                sha.writeLong(modified.get().getEpochSecond());
                sha.writeInt(modified.get().getNano());
            }
            if (modified.isEmpty() || racy.isBefore(modified.get())) {
                sha.write('R');
                bytes(sha256().digest(read(e.source().get())));
            }
        }

        String hex() {
            return sha.hex();
        }

        private void text(String text) {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        private void bytes(byte[] bytes) {
            sha.writeInt(bytes.length);
            sha.write(bytes);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LayerException("Cannot read " + file + " to tell whether it changed: " + e
                    + ". Check that it still exists and is readable, or exclude it.", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
