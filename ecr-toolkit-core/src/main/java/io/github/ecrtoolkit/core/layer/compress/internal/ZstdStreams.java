package io.github.ecrtoolkit.core.layer.compress.internal;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.ecrtoolkit.core.layer.compress.CompressionUnavailableException;
import java.io.IOException;
import java.io.OutputStream;

/** zstd through zstd-jni, an optional dependency: touched only when zstd is asked for. */
public final class ZstdStreams {

    private ZstdStreams() {
    }

    /**
     * A zstd stream using {@code workers} native threads. zstd's multi-threaded output is the same
     * for any worker count of 1 or more, so digests do not depend on the machine's cores.
     */
    public static OutputStream compress(OutputStream out, int level, int workers) throws IOException {
        try {
            ZstdOutputStream zstd = new ZstdOutputStream(out, level);
            zstd.setWorkers(Math.max(1, workers));
            zstd.setChecksum(true);
            return zstd;
        } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
            throw new CompressionUnavailableException("zstd layers need com.github.luben:zstd-jni on the classpath"
                    + " with a native library for this platform; add the dependency or use Compression.gzip()", e);
        }
    }
}
