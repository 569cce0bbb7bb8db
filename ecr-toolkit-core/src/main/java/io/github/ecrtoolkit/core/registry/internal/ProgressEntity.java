package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/** Streams a {@link BlobSource} as a request body of known length, reporting bytes sent. Repeatable: each write re-opens the source. */
final class ProgressEntity extends AbstractHttpEntity {

    private final BlobSource source;
    private final long length;
    private final LongConsumer progress;
    private volatile StallWatch watch;

    ProgressEntity(BlobSource source, long length, LongConsumer progress) {
        super(ContentType.APPLICATION_OCTET_STREAM, null, false);
        this.source = source;
        this.length = length;
        this.progress = progress;
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() throws IOException {
        return source.open();
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    /** Tells {@code value} of every write, so that an upload without progress is broken off; returns it. */
    StallWatch watchedBy(StallWatch value) {
        this.watch = value;
        return value;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long sent = 0;
        StallWatch w = watch;
        try (InputStream in = source.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                sent += n;
                if (w != null) {
                    w.progress();
                }
                progress.accept(sent);
            }
        }
        if (w != null) {
            w.bodySent();
        }
        if (length >= 0 && sent != length) {
            throw new IOException("blob source gave " + sent + " bytes, expected " + length);
        }
    }

    @Override
    public void close() {
    }
}
