package io.github.ecrtoolkit.core.layer.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * A gzip stream whose header never varies: no file name, modification time 0, no extra flags,
 * OS "unknown" (255), as Go's {@code compress/gzip} writes it. The JDK's
 * {@code GZIPOutputStream} header changed between releases, which would change layer digests.
 */
@InternalApi
public final class DeterministicGzipOutputStream extends FilterOutputStream {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer;
    private long inputSize;
    private boolean finished;

    public DeterministicGzipOutputStream(OutputStream out, int level, int bufferSize) throws IOException {
        super(out);
        this.deflater = new Deflater(level, true);
        this.buffer = new byte[bufferSize];
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("write after finish");
        }
        if (len == 0) {
            return;
        }
        crc.update(b, off, len);
        inputSize += len;
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            drain(Deflater.NO_FLUSH);
        }
    }

    /** Writes the rest of the deflate stream and the trailer; the underlying stream stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        deflater.finish();
        while (!deflater.finished()) {
            drain(Deflater.NO_FLUSH);
        }
        deflater.end();
        byte[] trailer = new byte[8];
        writeInt(trailer, 0, (int) crc.getValue());
        writeInt(trailer, 4, (int) inputSize);
        out.write(trailer);
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            deflater.end();
            out.close();
        }
    }

    private void drain(int flush) throws IOException {
        int n = deflater.deflate(buffer, 0, buffer.length, flush);
        if (n > 0) {
            out.write(buffer, 0, n);
        }
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
