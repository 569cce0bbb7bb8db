package io.github.ecrtoolkit.core.layer.compress;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ecrtoolkit.core.layer.compress.internal.ChunkPool;

/**
 * The threads that compress layers: one per core by default, shared by every layer being written
 * so that compressing several layers at once, and one big layer in parallel blocks, together never
 * use more than the cores. Thread-safe; share one per process. Closing it stops its threads.
 *
 * <pre>{@code
 * try (CompressionPool pool = CompressionPool.create()) {
 *     OutputStream gz = Compression.gzip().compress(blobOut, pool);
 * }
 * }</pre>
 */
public final class CompressionPool implements AutoCloseable {

    private final ExecutorService executor;
    private final int threads;
    /**
     * Blocks in flight (being compressed, or compressed and waiting to be written) across every
     * stream on this pool: two per thread. Without it each layer written at once held its own
     * two per thread, so memory grew with the square of the cores.
     */
    private final Semaphore blockPermits;
    /** The chunks those blocks are held in, reused across streams: 64 KiB each, up to six blocks' worth per thread spare. */
    private final ChunkPool chunks;

    private CompressionPool(int threads) {
        this.threads = threads;
        this.blockPermits = new Semaphore(2 * threads);
        this.chunks = new ChunkPool(6 * threads * (1 << 20) / ChunkPool.CHUNK);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "ecr-toolkit-compress-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    }

    /** One thread per available processor. */
    public static CompressionPool create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static CompressionPool create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a compression pool needs at least 1 thread, not " + threads);
        }
        return new CompressionPool(threads);
    }

    /** How many threads compress at most at once. */
    public int threads() {
        return threads;
    }

    Executor executor() {
        return executor;
    }

    Semaphore blockPermits() {
        return blockPermits;
    }

    ChunkPool chunks() {
        return chunks;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "CompressionPool[" + threads + " threads]";
    }
}
