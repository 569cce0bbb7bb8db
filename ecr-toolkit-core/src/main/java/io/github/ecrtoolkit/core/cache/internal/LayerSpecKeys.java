package io.github.ecrtoolkit.core.cache.internal;

import io.github.ecrtoolkit.core.cache.LayerKey;
import io.github.ecrtoolkit.core.internal.ParallelWork;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
        // the entries are hashed in chunks at once (a 50,000-file layer's hash took a fifth of an
        // unchanged push), and the key is the hash of the chunks' hashes
        LayerKey[] chunks = new LayerKey[Math.max(1, (entries.size() + CHUNK - 1) / CHUNK)];
        ParallelWork.forEach(chunks.length, i -> chunks[i] = chunk(entries.subList(i * CHUNK, Math.min(entries.size(), (i + 1) * CHUNK)), racy));
        LayerKey.EntryWriter key = LayerKey.entryWriter(Map.of("tar", TAR_FORMAT, "mtime", modificationTime.toString(),
                "chunk", Integer.toString(CHUNK)));
        for (int i = 0; i < chunks.length; i++) {
            String index = Integer.toString(i);
            key.entry("0".repeat(8 - index.length()) + index, chunks[i].hex()); // in order as text too
        }
        return key.build();
    }

    private static LayerKey chunk(List<LayerEntry> entries, Instant racy) {
        // streamed into the digest entry by entry: a 50,000-entry layer keeps no per-entry text
        LayerKey.EntryWriter key = LayerKey.entryWriter(Map.of());
        StringBuilder line = new StringBuilder(256);
        for (LayerEntry e : entries) {
            line.setLength(0);
            line.append(e.type().name()).append(' ');
            appendOctal(line, e.mode());
            line.append(' ').append(e.uid()).append(':').append(e.gid()).append(' ').append(e.size());
            e.linkTarget().ifPresent(t -> line.append(" -> ").append(t.length()).append(':').append(t));
            Optional<String> sourceText = e.sourceText();
            if (sourceText.isPresent()) {
                String source = sourceText.get();
                line.append(" from ").append(source.length()).append(':').append(source).append(" modified ");
                // seconds.nanos, not Instant.toString(): ISO formatting of ~3,000 times was a tenth of a
                // no-change push's key time; any exact rendering of the time will do
                Optional<Instant> modified = e.sourceModified();
                if (modified.isPresent()) {
                    line.append(modified.get().getEpochSecond()).append('.').append(modified.get().getNano());
                } else {
                    line.append('?');
                }
                if (modified.isEmpty() || racy.isBefore(modified.get())) {
                    line.append(" content sha256:").append(sha256(read(e.source().get())));
                }
            }
            e.content().ifPresent(c -> line.append(" sha256:").append(sha256(c)));
            key.entry(e.path(), line);
        }
        return key.build();
    }

    /** {@link Integer#toOctalString} without the string. */
    private static void appendOctal(StringBuilder line, int value) {
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(value) + 2) / 3);
        for (int shift = (digits - 1) * 3; shift >= 0; shift -= 3) {
            line.append((char) ('0' + ((value >>> shift) & 7)));
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
