package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The build context as a request body: the tar is written straight into the connection while the
 * engine reads it, so no temporary file and no second pass.
 */
final class ContextTarEntity extends AbstractHttpEntity {

    /** Writes a tar to the stream it is given. */
    @FunctionalInterface
    interface TarWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final TarWriter writer;

    ContextTarEntity(TarWriter writer) {
        super(ContentType.create("application/x-tar"), null, true);
        this.writer = writer;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("the context is streamed, not buffered");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writer.writeTo(out);
        out.flush();
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // nothing held open between writes
    }
}
