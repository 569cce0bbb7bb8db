package io.github.ecrtoolkit.core.layer.compress.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 64 KiB arrays that parallel gzip streams hold their blocks in, shared by the streams of one
 * compression pool: a chunk one layer has written serves the next block of any layer. Keeps at
 * most {@code max} spare chunks, and none once no stream is open, so an idle process holds none.
 * Thread-safe.
 */
public final class ChunkPool {

    /** Bytes per chunk: the granularity at which a block is deflated or stored. */
    public static final int CHUNK = 64 * 1024;

    private final Queue<byte[]> spare = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spareCount = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final int max;

    /**
     * @param max spare chunks kept at most
     */
    public ChunkPool(int max) {
        this.max = max;
    }

    /** A chunk to fill: a spare one, else a new one. */
    byte[] take() {
        byte[] chunk = spare.poll();
        if (chunk == null) {
            return new byte[CHUNK];
        }
        spareCount.decrementAndGet();
        return chunk;
    }

    /** Gives a chunk back for reuse; dropped when enough are spare already. */
    void give(byte[] chunk) {
        if (spareCount.incrementAndGet() <= max && openStreams.get() > 0) {
            spare.add(chunk);
        } else {
            spareCount.decrementAndGet();
        }
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    /** The last stream to close lets every spare chunk go. */
    void streamClosed() {
        if (openStreams.decrementAndGet() == 0) {
            for (byte[] chunk = spare.poll(); chunk != null; chunk = spare.poll()) {
                spareCount.decrementAndGet();
            }
        }
    }
}
