package io.github.ecrtoolkit.core.build.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;

/**
 * Counts a layer's tar bytes on their way into the compressor and reports them, at most every
 * {@link #STEP} bytes: compression is the slow part of a build, so this is what moves the bar.
 * Counts stop at the layer's content size (tar headers and padding come on top of it).
 */
final class WriteProgressStream extends FilterOutputStream {

    static final long STEP = 1 << 20;

    private final int index;
    private final long size;
    private final ProgressListener listener;
    private long written;
    private long reported;

    WriteProgressStream(OutputStream out, int index, long size, ProgressListener listener) {
        super(out);
        this.index = index;
        this.size = size;
        this.listener = listener;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count(len);
    }

    private void count(int n) {
        written += n;
        if (written - reported >= STEP) {
            reported = written;
            listener.onEvent(new ProgressEvent.LayerWriteProgress(index, Math.min(written, size), size));
        }
    }
}
