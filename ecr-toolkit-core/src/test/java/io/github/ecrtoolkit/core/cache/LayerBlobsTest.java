package io.github.ecrtoolkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.core.layer.compress.CompressionPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBlobsTest {

    @TempDir
    Path dir;
    private CompressionPool pool;
    private LayerBlobs blobs;

    @BeforeEach
    void setUp() {
        pool = CompressionPool.create(2);
        blobs = LayerBlobs.create(LayerCache.at(dir.resolve("cache")), Compression.gzip().withBlockSize(64 * 1024), pool);
    }

    @AfterEach
    void tearDown() {
        blobs.close();
        pool.close();
    }

    static LayerBlobs.TarWriter tarOf(String name, byte[] content, AtomicInteger calls) {
        return out -> {
            calls.incrementAndGet();
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setModTime(0); // the entry's default is "now": two calls a second apart would differ
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            tar.finish(); // not close: the stream belongs to the caller
        };
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void write_givesDiffIdOfTheTar_andDigestOfTheBlob_inOnePass() throws Exception {
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        CachedLayer layer = blobs.write(LayerKey.builder().setting("layer", "a").build(),
                tarOf("app/a.bin", content, new AtomicInteger()));
        byte[] blob = Files.readAllBytes(layer.blob());
        byte[] tar;
        try (InputStream in = new GZIPInputStream(layer.open())) {
            tar = in.readAllBytes();
        }
        assertThat(layer.digest()).isEqualTo(sha256(blob));
        assertThat(layer.diffId()).isEqualTo(sha256(tar));
        assertThat(layer.size()).isEqualTo(blob.length);
        assertThat(layer.mediaType()).isEqualTo(Compression.OCI_GZIP);
    }

    @Test
    void unchangedLayer_isNeitherTarredNorCompressedAgain() {
        AtomicInteger calls = new AtomicInteger();
        LayerKey key = LayerKey.builder().setting("layer", "b").build();
        CachedLayer first = blobs.write(key, tarOf("b", new byte[10], calls));
        CachedLayer second = blobs.write(key, tarOf("b", new byte[10], calls));
        assertThat(calls).hasValue(1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void otherCompression_isAnotherCacheEntry() {
        AtomicInteger calls = new AtomicInteger();
        LayerKey key = LayerKey.builder().setting("layer", "c").build();
        CachedLayer gzip = blobs.write(key, tarOf("c", new byte[10], calls));
        try (LayerBlobs zstd = LayerBlobs.create(LayerCache.at(dir.resolve("cache")), Compression.zstd(), pool)) {
            CachedLayer z = zstd.write(key, tarOf("c", new byte[10], calls));
            assertThat(z.mediaType()).isEqualTo(Compression.OCI_ZSTD);
            assertThat(z.diffId()).isEqualTo(gzip.diffId());
            assertThat(z.digest()).isNotEqualTo(gzip.digest());
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void manyLayersAtOnce_allComplete_andSameContentGivesTheSameBlob() {
        List<CompletableFuture<CachedLayer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] content = new byte[200_000 + i];
            new Random(i).nextBytes(content);
            futures.add(blobs.submit(LayerKey.builder().setting("layer", "m" + i).build(),
                    tarOf("f" + i, content, new AtomicInteger())));
        }
        List<String> digests = futures.stream().map(LayerBlobs::join).map(CachedLayer::digest).toList();
        assertThat(digests).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void failingTarWriter_failsTheFuture_andCachesNothing() {
        LayerKey key = LayerKey.builder().setting("layer", "bad").build();
        CompletableFuture<CachedLayer> f = blobs.submit(key, out -> {
            out.write(new byte[100_000]);
            throw new IOException("input vanished");
        });
        assertThatThrownBy(() -> LayerBlobs.join(f)).isInstanceOf(LayerCacheException.class)
                .hasRootCauseMessage("input vanished");
        assertThat(LayerCache.at(dir.resolve("cache")).find(key.with("compression", blobs.compression().cacheKey())))
                .isEmpty();
    }

    @Test
    void writerThatClosesTheTarStream_doesNotBreakTheBlob() throws Exception {
        CachedLayer layer = blobs.write(LayerKey.builder().setting("layer", "close").build(), out -> {
            try (OutputStream o = out) {
                o.write(new byte[5000]);
            }
        });
        try (InputStream in = new GZIPInputStream(layer.open())) {
            assertThat(in.readAllBytes()).hasSize(5000);
        }
    }

    @Test
    void outOfMemory_whileALayerIsWritten_isThrownAsItself_notReportedAsACacheFolderProblem() {
        LayerBlobs.TarWriter starved = out -> {
            out.write(new byte[100_000]);
            throw new OutOfMemoryError("Java heap space");
        };

        assertThatThrownBy(() -> blobs.write(LayerKey.builder().setting("case", "in this thread").build(), starved))
                .isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
        assertThatThrownBy(() -> LayerBlobs.join(blobs.submit(LayerKey.builder().setting("case", "in the background").build(), starved)))
                .isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
    }
}
