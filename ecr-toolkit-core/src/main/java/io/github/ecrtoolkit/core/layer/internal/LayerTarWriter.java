package io.github.ecrtoolkit.core.layer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * Writes a {@link LayerSpec} as a reproducible tar: entries in spec order (sorted), one fixed
 * modification time (or, for a build context, each source's own), empty user and group names, PAX
 * headers for long or non-ASCII names and for numbers that do not fit ustar fields (files of 8 GiB
 * and more). Hard links are written as links to the first path of the file.
 */
public final class LayerTarWriter {

    private final Instant modificationTime;
    private final boolean sourceTimes;
    private final byte[] buffer;
    private final TarHeaders headers = new TarHeaders();

    public LayerTarWriter(Instant modificationTime, int bufferSize) {
        this(modificationTime, false, bufferSize);
    }

    /**
     * @param sourceTimes write each entry's source modification time when it has one, as the
     *                    Docker CLI sends a build context; {@code modificationTime} for the others
     */
    public LayerTarWriter(Instant modificationTime, boolean sourceTimes, int bufferSize) {
        this.modificationTime = modificationTime;
        this.sourceTimes = sourceTimes;
        this.buffer = new byte[bufferSize];
    }

    /** Writes the tar to {@code out} and finishes the archive; {@code out} stays open. */
    public void write(LayerSpec spec, OutputStream out) throws IOException {
        long fixedTime = modificationTime.getEpochSecond();
        for (LayerEntry entry : spec.entries()) {
            long time = sourceTimes ? entry.sourceModified().map(Instant::getEpochSecond).orElse(fixedTime) : fixedTime;
            writeHeader(out, entry, time);
            if (entry.type() == LayerEntry.Type.FILE) {
                copyContent(entry, out);
                headers.pad(out, entry.size());
            }
        }
        headers.finish(out);
        out.flush();
    }

    /** The header of one entry; directories get a trailing {@code /}. */
    public void writeHeader(OutputStream out, LayerEntry entry, long mtimeSeconds) throws IOException {
        switch (entry.type()) {
            case DIRECTORY -> headers.write(out, entry.path() + "/", TarHeaders.DIRECTORY, null, 040000 | entry.mode(), entry.uid(),
                    entry.gid(), 0, mtimeSeconds);
            case SYMLINK -> headers.write(out, entry.path(), TarHeaders.SYMLINK, entry.linkTarget().orElseThrow(),
                    0120000 | entry.mode(), entry.uid(), entry.gid(), 0, mtimeSeconds);
            case HARD_LINK -> headers.write(out, entry.path(), TarHeaders.HARD_LINK, entry.linkTarget().orElseThrow(),
                    0100000 | entry.mode(), entry.uid(), entry.gid(), 0, mtimeSeconds);
            default -> headers.write(out, entry.path(), TarHeaders.FILE, null, 0100000 | entry.mode(), entry.uid(), entry.gid(),
                    entry.size(), mtimeSeconds);
        }
    }

    private void copyContent(LayerEntry entry, OutputStream tar) throws IOException {
        if (entry.source().isEmpty()) {
            tar.write(entry.content().orElseThrow());
            return;
        }
        Path source = entry.source().get();
        long remaining = entry.size();
        try (InputStream in = open(source)) {
            while (remaining > 0) {
                int n = read(in, source, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw changed(source, entry);
                }
                tar.write(buffer, 0, n);
                remaining -= n;
            }
            if (in.read() >= 0) {
                throw changed(source, entry);
            }
        }
    }

    /** A source that cannot be read is a problem of that file, not of the stream (or the cache folder) the layer goes to. */
    private static InputStream open(Path source) throws LayerException {
        try {
            return Files.newInputStream(source);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private int read(InputStream in, Path source, int length) {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static LayerException unreadable(Path source, IOException e) {
        return new LayerException("Cannot read " + source + " while writing the layer: " + e
                + ". Check that it still exists and is readable, or exclude it.", e);
    }

    private static LayerException changed(Path source, LayerEntry entry) {
        return new LayerException(source + " changed size while the layer was written (expected " + entry.size()
                + " bytes). Build again once nothing writes to the folder.");
    }
}
