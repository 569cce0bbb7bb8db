package io.github.ecrtoolkit.core.layer.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

    private static final int BLOCK = 64 * 1024;
    private static CompressionPool pool;

    @BeforeAll
    static void startPool() {
        pool = CompressionPool.create(3);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    /** Text-like input: repetitive words, so that matches cross block cuts. */
    static byte[] text(int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        Random random = new Random(42);
        String[] words = {"layer", "registry", "manifest", "digest", "<dependency>", "class", "void", "\n"};
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    /** Alternating 64 KiB of random (like jar entries) and of text. */
    static byte[] mixed(int size) {
        byte[] out = new byte[size];
        byte[] random = randomBytes(size);
        byte[] text = text(size);
        for (int at = 0; at < size; at += 64 * 1024) {
            byte[] from = (at / (64 * 1024)) % 2 == 0 ? random : text;
            System.arraycopy(from, at, out, at, Math.min(64 * 1024, size - at));
        }
        return out;
    }

    static byte[] compress(Compression compression, CompressionPool pool, byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = compression.compress(out, pool)) {
            for (int i = 0; i < data.length; i += chunk) {
                c.write(data, i, Math.min(chunk, data.length - i));
            }
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Nested
    class ParallelGzip {

        private final Compression gzip = Compression.gzip(6).withBlockSize(BLOCK);

        @ParameterizedTest
        @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 5 * BLOCK + 12345})
        void roundTrip_anySize_givesTheInputBack(int size) throws IOException {
            byte[] data = text(size);
            byte[] gz = compress(gzip, pool, data, 7777);
            assertThat(gunzip(gz)).isEqualTo(data);
        }

        @Test
        void trailer_carriesCrc32AndSizeOfTheWholeInput() throws IOException {
            byte[] data = randomBytes(3 * BLOCK + 5);
            byte[] gz = compress(gzip, pool, data, 4096);
            CRC32 crc = new CRC32();
            crc.update(data);
            int n = gz.length;
            long trailerCrc = (gz[n - 8] & 0xffL) | (gz[n - 7] & 0xffL) << 8 | (gz[n - 6] & 0xffL) << 16 | (gz[n - 5] & 0xffL) << 24;
            long isize = (gz[n - 4] & 0xffL) | (gz[n - 3] & 0xffL) << 8 | (gz[n - 2] & 0xffL) << 16 | (gz[n - 1] & 0xffL) << 24;
            assertThat(trailerCrc).isEqualTo(crc.getValue());
            assertThat(isize).isEqualTo(data.length);
        }

        @Test
        void output_isTheSameWhateverTheThreadsOrWriteSizes() throws IOException {
            byte[] data = text(6 * BLOCK + 99);
            byte[] reference;
            try (CompressionPool one = CompressionPool.create(1)) {
                reference = compress(gzip, one, data, 1 << 20);
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(compress(gzip, pool, data, 1000 + attempt * 3001)).isEqualTo(reference);
            }
        }

        @Test
        void streamsSharingAPool_writtenInTurnByOneThread_finish_giveTheirOwnBytes_andReturnEveryPermit() throws IOException {
            byte[] a = text(9 * BLOCK + 17);
            byte[] b = randomBytes(7 * BLOCK + 3);
            try (CompressionPool one = CompressionPool.create(1)) { // two permits for four streams
                List<ByteArrayOutputStream> outs = new ArrayList<>();
                List<OutputStream> streams = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    outs.add(new ByteArrayOutputStream());
                    streams.add(gzip.compress(outs.get(i), one));
                }
                for (int at = 0; at < Math.max(a.length, b.length); at += 5000) {
                    for (int i = 0; i < 4; i++) {
                        byte[] data = i % 2 == 0 ? a : b;
                        if (at < data.length) {
                            streams.get(i).write(data, at, Math.min(5000, data.length - at));
                        }
                    }
                }
                for (OutputStream stream : streams) {
                    stream.close();
                }
                for (int i = 0; i < 4; i++) {
                    assertThat(outs.get(i).toByteArray()).isEqualTo(compress(gzip, pool, i % 2 == 0 ? a : b, 1 << 20));
                }
                assertThat(one.blockPermits().availablePermits()).isEqualTo(2);
            }
        }

        @Test
        void aStreamThatFailsToWrite_returnsItsPermits() {
            try (CompressionPool one = CompressionPool.create(1)) {
                OutputStream failing = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("disk full");
                    }
                };
                assertThatThrownBy(() -> {
                    try (OutputStream gz = gzip.compress(failing, one)) {
                        gz.write(text(6 * BLOCK));
                    }
                }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
                assertThat(one.blockPermits().availablePermits()).isEqualTo(2);
            }
        }

        /**
         * The bytes the stream gave when blocks were held as whole arrays (before they were held in
         * 64 KiB chunks): digests of existing layers must not change.
         */
        @ParameterizedTest
        @org.junit.jupiter.params.provider.CsvSource({
            "1, 1048576, true, c764940d1e94e7c95b30bb3f8bedc61fff74ef537ee9766ea08fb9a57727cf34",
            "6, 200000, true, f101ccce8a5916f479ffeaf939dd521ae6993d9d268f202e98c8c14977622598",
            "1, 1048576, false, 2f29811cab234aca3e435c40a8e01e4d655f32d8a9da50a89b096e2ab578308b",
            "9, 65536, true, 0fb16c2e59bcd901b83514a838c8c65fcc79c2d4f5db7c9f41ba0e43a921fa06",
        })
        void output_keepsTheBytesItGaveBefore(int level, int blockSize, boolean store, String sha256) throws Exception {
            byte[] data = pinInput();
            Compression c = Compression.gzip(level).withBlockSize(blockSize).storeIncompressible(store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gz = c.compress(out, pool)) {
                Random random = new Random(1);
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + random.nextInt(100_000));
                    gz.write(data, at, n);
                    at += n;
                }
            }
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(out.toByteArray()))).isEqualTo(sha256);
            assertThat(gunzip(out.toByteArray())).isEqualTo(data);
        }

        /** 5.3 MB of random, text and small-alphabet runs of random lengths: stored and deflated chunks, cuts anywhere. */
        private static byte[] pinInput() {
            byte[] b = new byte[5_300_001];
            Random r = new Random(7);
            int at = 0;
            while (at < b.length) {
                int kind = r.nextInt(3);
                int n = Math.min(b.length - at, 20_000 + r.nextInt(700_000));
                if (kind == 0) {
                    for (int i = 0; i < n; i++) {
                        b[at + i] = (byte) r.nextInt();
                    }
                } else if (kind == 1) {
                    byte[] t = ("line " + at + " of some text, layer pin\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < n; i++) {
                        b[at + i] = t[i % t.length];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        b[at + i] = (byte) (r.nextInt(16) + 'a');
                    }
                }
                at += n;
            }
            return b;
        }

        @Test
        void size_staysCloseToOneThreadGzip_becauseEachBlockIsPrimedWithTheLast32KiB() throws IOException {
            byte[] data = text(8 * BLOCK);
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(single)) {
                g.write(data);
            }
            byte[] parallel = compress(gzip, pool, data, 1 << 16);
            assertThat((double) parallel.length).isLessThan(single.size() * 1.01);
        }

        @Test
        void gzipTool_acceptsTheStream(@TempDir Path dir) throws Exception {
            byte[] data = text(3 * BLOCK + 1);
            Path file = dir.resolve("layer.tar.gz");
            Files.write(file, compress(gzip, pool, data, 5000));
            Process p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }

        @Test
        void level1_isDeterministicAndReadable() throws IOException {
            Compression fast = Compression.gzip().withBlockSize(BLOCK);
            byte[] data = randomBytes(2 * BLOCK + 3);
            byte[] a = compress(fast, pool, data, 3333);
            assertThat(compress(fast, pool, data, 65536)).isEqualTo(a);
            assertThat(gunzip(a)).isEqualTo(data);
        }

        @Test
        void mixedInput_switchesBetweenStoredAndDeflated_andStaysAValidDeterministicStream(@TempDir Path dir)
                throws Exception {
            byte[] data = mixed(9 * BLOCK + 4321);
            byte[] gz = compress(gzip, pool, data, 9999);
            assertThat(gunzip(gz)).isEqualTo(data);
            try (CompressionPool one = CompressionPool.create(1)) {
                assertThat(compress(gzip, one, data, 1 << 20)).isEqualTo(gz);
            }
            Path file = dir.resolve("mixed.gz");
            Files.write(file, gz);
            Process p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }

        @Test
        void alreadyCompressedChunks_areStored_textIsStillDeflated() throws IOException {
            byte[] random = randomBytes(4 * BLOCK);
            assertThat((double) compress(gzip, pool, random, 1 << 16).length).isLessThan(random.length * 1.001 + 200);
            byte[] mixed = mixed(8 * BLOCK);
            byte[] stored = compress(gzip, pool, mixed, 1 << 16);
            byte[] deflatedAll = compress(gzip.storeIncompressible(false), pool, mixed, 1 << 16);
            assertThat(gunzip(deflatedAll)).isEqualTo(mixed);
            // the text half still shrinks; the random half costs at most a little over deflating it
            assertThat((double) stored.length).isLessThan(mixed.length * 0.7).isLessThan(deflatedAll.length * 1.02);
        }

        @Test
        void write_afterClose_fails() throws IOException {
            OutputStream c = gzip.compress(new ByteArrayOutputStream(), pool);
            c.close();
            assertThatThrownBy(() -> c.write(1)).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Zstd {

        @Test
        void roundTrip_givesTheInputBack_andDeclaresTheOciZstdMediaType() throws IOException {
            Compression zstd = Compression.zstd();
            byte[] data = text(300_000);
            byte[] compressed = compress(zstd, pool, data, 10_000);
            try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            assertThat(zstd.ociMediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
        }

        @Test
        void output_doesNotDependOnTheNumberOfThreads() throws IOException {
            byte[] data = text(3_000_000);
            byte[] one;
            try (CompressionPool single = CompressionPool.create(1)) {
                one = compress(Compression.zstd(), single, data, 1 << 16);
            }
            assertThat(compress(Compression.zstd(), pool, data, 1 << 16)).isEqualTo(one);
        }
    }

    @Nested
    class Settings {

        @Test
        void defaultIsGzipLevel1() {
            assertThat(Compression.gzip().level()).isEqualTo(1);
            assertThat(Compression.gzip().ociMediaType()).isEqualTo(Compression.OCI_GZIP);
        }

        @Test
        void cacheKey_differsWhenTheBytesWould() {
            assertThat(Compression.gzip(1).cacheKey()).isNotEqualTo(Compression.gzip(6).cacheKey())
                    .isNotEqualTo(Compression.zstd(1).cacheKey())
                    .isNotEqualTo(Compression.gzip(1).withBlockSize(BLOCK).cacheKey())
                    .isNotEqualTo(Compression.gzip(1).storeIncompressible(false).cacheKey());
        }

        @Test
        void badLevels_areRefusedWithTheRange() {
            assertThatThrownBy(() -> Compression.gzip(10)).hasMessageContaining("0..9");
            assertThatThrownBy(() -> Compression.zstd(0)).hasMessageContaining("1..19");
            assertThatThrownBy(() -> CompressionPool.create(0)).hasMessageContaining("at least 1");
        }
    }
}
