package io.github.ecrtoolkit.core.layer.compress;

import io.github.ecrtoolkit.core.layer.compress.internal.ParallelGzipOutputStream;
import io.github.ecrtoolkit.core.layer.compress.internal.ZstdStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * How layer tarballs are compressed: gzip (default, level 1) or zstd. Immutable, thread-safe.
 *
 * <p>The default is gzip level 1 that stores already-compressed chunks, chosen by measurement: a
 * Java application's layers are mostly jars, whose entries are deflated already; deflating them
 * again saves about 5% of their bytes at a tenth of the speed, and level 6 saves under 1% more
 * than level 1 on them (see the README, Performance). Gzip is split across the pool's threads,
 * block by block, into one ordinary gzip stream any client reads.
 *
 * <p>zstd layers ({@value #OCI_ZSTD}) are smaller and faster to unpack, but need zstd-jni on the
 * classpath here and a recent runtime on the nodes that pull (containerd 1.5+ / Docker Engine
 * 20.10+; ECS on Fargate platform 1.4 and EKS with containerd do; Docker Engines before 20.10
 * cannot pull them).
 *
 * <pre>{@code
 * Compression.gzip();      // level 1, parallel
 * Compression.gzip(6);     // smaller text layers, slower
 * Compression.zstd();      // level 3
 * }</pre>
 */
public final class Compression {

    /** OCI media type of a gzip layer. */
    public static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** Docker v2.2 media type of a gzip layer. */
    public static final String DOCKER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** OCI media type of a zstd layer. */
    public static final String OCI_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    /** The algorithms offered. */
    public enum Algorithm { GZIP, ZSTD }

    private static final Compression DEFAULT =
            new Compression(Algorithm.GZIP, 1, ParallelGzipOutputStream.DEFAULT_BLOCK_SIZE, true);

    private final Algorithm algorithm;
    private final int level;
    private final int blockSize;
    private final boolean storeIncompressible;

    private Compression(Algorithm algorithm, int level, int blockSize, boolean storeIncompressible) {
        this.algorithm = algorithm;
        this.level = level;
        this.blockSize = blockSize;
        this.storeIncompressible = storeIncompressible;
    }

    /** gzip at level 1, in parallel 1 MiB blocks: the default. */
    public static Compression gzip() {
        return DEFAULT;
    }

    /**
     * gzip at {@code level}.
     *
     * @throws IllegalArgumentException if {@code level} is not 0..9
     */
    public static Compression gzip(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 0..9, not " + level);
        }
        return new Compression(Algorithm.GZIP, level, ParallelGzipOutputStream.DEFAULT_BLOCK_SIZE, true);
    }

    /** zstd at level 3 (zstd's default). Needs zstd-jni on the classpath, and nodes that pull zstd. */
    public static Compression zstd() {
        return zstd(3);
    }

    /**
     * zstd at {@code level}.
     *
     * @throws IllegalArgumentException if {@code level} is not 1..19
     */
    public static Compression zstd(int level) {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("zstd level must be 1..19, not " + level);
        }
        return new Compression(Algorithm.ZSTD, level, 0, false);
    }

    /**
     * The same compression with another gzip block size (input bytes per parallel block).
     *
     * @throws IllegalArgumentException if this is not gzip or {@code bytes} is under 64 KiB
     */
    public Compression withBlockSize(int bytes) {
        if (algorithm != Algorithm.GZIP || bytes < 64 * 1024) {
            throw new IllegalArgumentException("block size applies to gzip and must be at least 64 KiB");
        }
        return new Compression(algorithm, level, bytes, storeIncompressible);
    }

    /**
     * Whether gzip stores (level 0) each 64 KiB that is already compressed — the entries of a jar,
     * say — rather than deflating it again; on by default. Measured on 53 MB of jars: 5% larger,
     * 11 times faster than level 1 on the same threads. Turn it off for the smallest blobs over a
     * slow link.
     *
     * @throws IllegalArgumentException if this is not gzip
     */
    public Compression storeIncompressible(boolean store) {
        if (algorithm != Algorithm.GZIP) {
            throw new IllegalArgumentException("storing incompressible chunks applies to gzip only");
        }
        return new Compression(algorithm, level, blockSize, store);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public int level() {
        return level;
    }

    /** The layer media type in an OCI manifest. */
    public String ociMediaType() {
        return algorithm == Algorithm.GZIP ? OCI_GZIP : OCI_ZSTD;
    }

    /** A stable text naming everything that changes the compressed bytes; part of a layer cache key. */
    public String cacheKey() {
        return algorithm == Algorithm.GZIP
                ? "gzip/" + level + "/" + blockSize + (storeIncompressible ? "/store-incompressible" : "")
                : "zstd/" + level;
    }

    /**
     * Wraps {@code out} so that what is written to the result arrives compressed; closing the
     * result finishes the stream and closes {@code out}. Not thread-safe: one writer.
     *
     * @throws CompressionUnavailableException if zstd is asked for and zstd-jni cannot load
     * @throws IOException                     if {@code out} fails
     */
    public OutputStream compress(OutputStream out, CompressionPool pool) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(pool, "pool");
        if (algorithm == Algorithm.ZSTD) {
            return ZstdStreams.compress(out, level, pool.threads());
        }
        // two blocks per thread keep every thread busy while the writer drains in order; the pool's
        // permits bound the blocks of all the layers written at once to as many again
        return new ParallelGzipOutputStream(out, level, storeIncompressible, blockSize, 2 * pool.threads(),
                pool.executor(), pool.blockPermits(), pool.chunks());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Compression c && c.algorithm == algorithm && c.level == level && c.blockSize == blockSize
                && c.storeIncompressible == storeIncompressible;
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, level, blockSize, storeIncompressible);
    }

    @Override
    public String toString() {
        return cacheKey();
    }
}
