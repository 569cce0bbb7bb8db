package io.github.ecrtoolkit.core.layer.compress.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose deflate work is split across threads, pigz-style: the input is cut into
 * fixed-size blocks, each block is deflated on its own (primed with the previous block's last
 * 32 KiB as the dictionary, so matches across the cut are kept) and ended with a sync flush, and
 * the pieces are written in order as ONE gzip member with the CRC-32 and ISIZE of the whole input.
 *
 * <p>The output depends only on the input, the level and the block size, never on thread timing.
 * Memory is bounded: at most {@code maxInFlight} blocks (input plus output) are held at once, and
 * streams sharing permits hold one block each plus one per permit between them. Blocks are held in
 * 64 KiB chunks rather than arrays of a block's size: G1 places an array of half a region or more
 * (512 KiB in a heap under 2 GB) in regions of its own, so 1 MiB blocks each took two regions;
 * the only block-sized arrays are one deflate buffer per compressing thread. Not thread-safe: one
 * writer thread; the executor does the deflating.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** Default block: big enough that the per-block sync marker (5 bytes) is noise. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    /** Granularity of the stored-or-deflated choice. */
    private static final int CHUNK = ChunkPool.CHUNK;
    /** The JDK's header: deflate, no flags, no mtime, OS 0; so the bytes equal a 1-thread reference. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

    private final OutputStream out;
    private final int level;
    private final boolean storeIncompressible;
    private final int blockSize;
    private final int maxInFlight;
    private final Executor executor;
    /** Shared with the other streams on the same threads, one per block in flight; {@code null} for none. */
    private final Semaphore permits;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    /**
     * Spent input and output chunks, reused: a layer of any size allocates only the chunks of the
     * blocks in flight. Output chunks are taken on the compressing threads, hence thread-safe.
     */
    private final ChunkPool chunks;
    private final CRC32 crc = new CRC32();

    /** The block being filled, as chunks of {@link #CHUNK} bytes (the last one shorter when the block size is not a multiple). */
    private byte[][] block;
    private int filled;
    private byte[] previousTail;
    private long total;
    private boolean headerWritten;
    private boolean closed;

    /**
     * @param out         receives the gzip bytes; closed by {@link #close()}
     * @param level       deflate level 0–9
     * @param blockSize   input bytes per block (at least 64 KiB)
     * @param maxInFlight blocks compressed concurrently or waiting to be written (at least 1)
     * @param executor    runs the deflate tasks; never blocks on this stream
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int blockSize, int maxInFlight, Executor executor) {
        this(out, level, false, blockSize, maxInFlight, executor);
    }

    /**
     * @param storeIncompressible store (level 0) each 64 KiB chunk that looks already compressed
     *                            instead of deflating it again; still deterministic
     */
    public ParallelGzipOutputStream(OutputStream out, int level, boolean storeIncompressible, int blockSize,
                                    int maxInFlight, Executor executor) {
        this(out, level, storeIncompressible, blockSize, maxInFlight, executor, null, new ChunkPool(Integer.MAX_VALUE));
    }

    /**
     * @param permits one is taken per block in flight and given back once it is written, shared by
     *                every stream on the same executor so that their blocks together stay bounded;
     *                {@code null} to bound this stream by {@code maxInFlight} only
     * @param chunks  where block chunks come from and go back to, shared by the streams on the same threads
     */
    public ParallelGzipOutputStream(OutputStream out, int level, boolean storeIncompressible, int blockSize,
                                    int maxInFlight, Executor executor, Semaphore permits, ChunkPool chunks) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 0..9, not " + level);
        }
        if (blockSize < 64 * 1024) {
            throw new IllegalArgumentException("block size must be at least 64 KiB, not " + blockSize);
        }
        this.out = out;
        this.level = level;
        this.storeIncompressible = storeIncompressible;
        this.blockSize = blockSize;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.executor = executor;
        this.permits = permits;
        this.chunks = chunks;
        chunks.streamOpened();
        this.block = newBlock();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int inChunk = filled % CHUNK;
            int n = Math.min(len, Math.min(CHUNK - inChunk, blockSize - filled));
            System.arraycopy(b, off, block[filled / CHUNK], inChunk, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == blockSize) {
                submit(false);
            }
        }
    }

    /** Writes every completed block; a partial block stays buffered (cutting it would change the bytes). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        while (!inFlight.isEmpty() && inFlight.peekFirst().result().isDone()) {
            writeHead();
        }
        out.flush();
    }

    /** Finishes the gzip member (last block, trailer) and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                writeHead();
            }
            byte[] trailer = new byte[8];
            putIntLe(trailer, 0, (int) crc.getValue());
            putIntLe(trailer, 4, (int) total);
            out.write(trailer);
        } finally {
            for (Pending pending : inFlight) {
                pending.result().cancel(false);
                release(pending);
            }
            inFlight.clear();
            chunks.streamClosed();
            out.close();
        }
    }

    private void submit(boolean last) throws IOException {
        byte[][] input = block;
        int length = filled;
        byte[] dictionary = previousTail;
        for (int at = 0; at < length; at += CHUNK) {
            crc.update(input[at / CHUNK], 0, Math.min(CHUNK, length - at));
        }
        total += length;
        if (!last) {
            previousTail = tail(input, length);
            block = newBlock();
            filled = 0;
        }
        while (inFlight.size() >= maxInFlight) {
            writeHead();
        }
        boolean permit = takePermit();
        inFlight.addLast(new Pending(input,
                CompletableFuture.supplyAsync(() -> deflate(input, length, dictionary, last), executor), permit));
    }

    /**
     * Takes a permit for one more block, if there are permits: while none is free, writes this
     * stream's oldest block first (which gives its permit back). A stream with nothing in flight
     * goes on without one, so that no stream ever waits for another (one thread may write several
     * streams in turn).
     *
     * @return whether a permit was taken for the block
     */
    private boolean takePermit() throws IOException {
        if (permits == null) {
            return false;
        }
        while (!permits.tryAcquire()) {
            if (inFlight.isEmpty()) {
                return false;
            }
            writeHead();
        }
        return true;
    }

    private byte[][] newBlock() {
        byte[][] chunks = new byte[(blockSize + CHUNK - 1) / CHUNK][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = chunk();
        }
        return chunks;
    }

    private byte[] chunk() {
        return chunks.take();
    }

    /** The last {@link #DICTIONARY} bytes of a full block, which may span two chunks. */
    private static byte[] tail(byte[][] input, int length) {
        byte[] tail = new byte[DICTIONARY];
        for (int copied = 0; copied < DICTIONARY; ) {
            int at = length - DICTIONARY + copied;
            int n = Math.min(DICTIONARY - copied, CHUNK - at % CHUNK);
            System.arraycopy(input[at / CHUNK], at % CHUNK, tail, copied, n);
            copied += n;
        }
        return tail;
    }

    /** A submitted block: its input chunks (reused once written), its compressed bytes to come, whether it holds a permit. */
    private record Pending(byte[][] input, CompletableFuture<Piece> result, boolean permit) {
    }

    private void release(Pending pending) {
        if (pending.permit()) {
            permits.release();
        }
    }

    /** Compressed bytes: {@code length} bytes in chunks of {@link #CHUNK}. */
    private record Piece(byte[][] chunks, int length) {
    }

    /** One deflate buffer per compressing thread, reused: the only arrays of a block's size. */
    private static final ThreadLocal<byte[]> DEFLATE_BUFFER = new ThreadLocal<>();

    private Piece deflate(byte[][] input, int length, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            // deflate's bound for stored data: the room every deflate call sees is that of one buffer of
            // this size, never regrown in practice, so the bytes do not depend on which buffer is used
            Output output = new Output(length + (length >> 12) + (length >> 14) + 64);
            int current = level;
            for (int at = 0; at < length; at += CHUNK) {
                int n = Math.min(CHUNK, length - at);
                byte[] chunk = input[at / CHUNK];
                int wanted = storeIncompressible && looksIncompressible(chunk, 0, n) ? 0 : level;
                if (wanted != current) {
                    deflater.setLevel(wanted);
                    current = wanted;
                    output.drain(deflater, Deflater.NO_FLUSH); // applies the level before the new input
                }
                deflater.setInput(chunk, 0, n);
                while (!deflater.needsInput()) {
                    output.drain(deflater, Deflater.NO_FLUSH);
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    output.drain(deflater, Deflater.NO_FLUSH);
                }
            } else {
                // a sync flush is complete once it leaves room to spare
                while (output.drain(deflater, Deflater.SYNC_FLUSH) == 0) {
                    // more room was made; flush again
                }
            }
            return output.piece();
        } finally {
            deflater.end();
        }
    }

    /**
     * Order-0 entropy above 7.8 bits per byte: already deflated data (jar entries, images). zlib
     * at level 1 saves about 5% on such bytes at 1/15 of the speed of storing them (measured on
     * a 53 MB jar set: 48.0 MB at 40 MB/s vs 50.5 MB at 600 MB/s per core).
     */
    static boolean looksIncompressible(byte[] b, int off, int len) {
        if (len < 4096) {
            return false;
        }
        int[] counts = new int[256];
        for (int i = off, end = off + len; i < end; i++) {
            counts[b[i] & 0xff]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / len;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2) > 7.8;
    }

    /**
     * The compressed output of one block: deflated into this thread's buffer, as if into a fresh
     * array of {@code room} bytes (doubled when full), then copied into chunks.
     */
    private final class Output {
        private byte[] buffer;
        private int limit;
        private int size;

        Output(int room) {
            byte[] mine = DEFLATE_BUFFER.get();
            if (mine == null || mine.length < room) {
                mine = new byte[room];
                DEFLATE_BUFFER.set(mine);
            }
            this.buffer = mine;
            this.limit = room;
        }

        /** One deflate call; returns the room left after it (0 means call again). */
        int drain(Deflater deflater, int flush) {
            if (size == limit) {
                limit *= 2;
                if (buffer.length < limit) {
                    buffer = Arrays.copyOf(buffer, limit);
                    DEFLATE_BUFFER.set(buffer);
                }
            }
            size += deflater.deflate(buffer, size, limit - size, flush);
            return limit - size;
        }

        Piece piece() {
            byte[][] pieces = new byte[(size + CHUNK - 1) / CHUNK][];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = chunk();
                System.arraycopy(buffer, i * CHUNK, pieces[i], 0, Math.min(CHUNK, size - i * CHUNK));
            }
            return new Piece(pieces, size);
        }
    }

    private void writeHead() throws IOException {
        Pending head = inFlight.pollFirst();
        Piece compressed;
        try {
            compressed = head.result().get();
        } catch (InterruptedException e) {
            head.result().cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw compressionFailed(e);
        } finally {
            release(head);
        }
        if (!headerWritten) {
            out.write(HEADER);
            headerWritten = true;
        }
        byte[][] pieces = compressed.chunks();
        for (int i = 0; i < pieces.length; i++) {
            out.write(pieces[i], 0, Math.min(CHUNK, compressed.length() - i * CHUNK));
            chunks.give(pieces[i]);
        }
        if (head.input() != block) {
            for (byte[] chunk : head.input()) {
                chunks.give(chunk);
            }
        }
    }

    /**
     * What a failed deflate task becomes: an {@link Error} (out of memory on a compressing thread)
     * is thrown as itself, never reported as an I/O problem of the stream or of the folder it
     * goes to; anything else is an {@link IOException}.
     */
    static IOException compressionFailed(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IOException("compression failed: " + e.getCause(), e.getCause());
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
