package io.github.ecrtoolkit.core.layer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * Writes a {@link LayerSpec} as a reproducible tar: entries in spec order (sorted), one fixed
 * modification time, empty user and group names, PAX headers for long or non-ASCII names and
 * for numbers that do not fit ustar fields (files of 8 GiB and more).
 */
public final class LayerTarWriter {

    private final Instant modificationTime;
    private final byte[] buffer;

    public LayerTarWriter(Instant modificationTime, int bufferSize) {
        this.modificationTime = modificationTime;
        this.buffer = new byte[bufferSize];
    }

    /** Writes the tar to {@code out} and finishes the archive; {@code out} stays open. */
    public void write(LayerSpec spec, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = open(out);
        for (LayerEntry entry : spec.entries()) {
            tar.putArchiveEntry(header(entry, modificationTime));
            if (entry.type() == LayerEntry.Type.FILE) {
                copyContent(entry, tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** A tar stream configured as layers need it: PAX for long names, big numbers and non-ASCII. */
    public static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /** The tar header of one entry; directories get a trailing {@code /}. */
    public static TarArchiveEntry header(LayerEntry entry, Instant modificationTime) {
        TarArchiveEntry header;
        switch (entry.type()) {
            case DIRECTORY -> header = new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR, false);
            case SYMLINK -> {
                header = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK, false);
                header.setLinkName(entry.linkTarget().orElseThrow());
            }
            default -> {
                header = new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL, false);
                header.setSize(entry.size());
            }
        }
        int typeBits = switch (entry.type()) {
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            default -> 0100000;
        };
        header.setMode(typeBits | entry.mode());
        header.setUserId(entry.uid());
        header.setGroupId(entry.gid());
        header.setUserName("");
        header.setGroupName("");
        header.setModTime(Date.from(modificationTime));
        return header;
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
