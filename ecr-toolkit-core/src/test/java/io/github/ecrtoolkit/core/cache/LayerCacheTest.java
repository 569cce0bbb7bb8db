package io.github.ecrtoolkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {

    static final String DIFF_ID = "sha256:" + "ab".repeat(32);
    private static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    @TempDir
    Path dir;

    private LayerKey key(String setting) {
        return LayerKey.builder().setting("s", setting).build();
    }

    @Nested
    class ComputeIfAbsent {

        @Test
        void miss_writesOnce_andRecordsDigestAndSizeOfTheBytes() throws Exception {
            LayerCache cache = LayerCache.at(dir.resolve("c"));
            byte[] bytes = "compressed layer".getBytes(StandardCharsets.UTF_8);
            CachedLayer layer = cache.computeIfAbsent(key("a"), GZIP, out -> {
                out.write(bytes);
                out.close(); // a compressor closes its stream; harmless
                return DIFF_ID;
            });
            assertThat(layer.digest()).isEqualTo("sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(layer.size()).isEqualTo(bytes.length);
            assertThat(layer.diffId()).isEqualTo(DIFF_ID);
            assertThat(layer.mediaType()).isEqualTo(GZIP);
            try (InputStream in = layer.open()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }

        @Test
        void hit_neverCallsTheWriter_evenFromANewCacheObject() {
            LayerCache.at(dir).computeIfAbsent(key("a"), GZIP, out -> {
                out.write(1);
                return DIFF_ID;
            });
            CachedLayer again = LayerCache.at(dir).computeIfAbsent(key("a"), GZIP, out -> {
                throw new AssertionError("an unchanged layer must not be written again");
            });
            assertThat(again.size()).isEqualTo(1);
        }

        @Test
        void failingWriter_cachesNothing_andLeavesNoTempFile() {
            LayerCache cache = LayerCache.at(dir);
            assertThatThrownBy(() -> cache.computeIfAbsent(key("a"), GZIP, out -> {
                out.write(new byte[1000]);
                throw new IOException("disk gone");
            })).isInstanceOf(LayerCacheException.class).hasMessageContaining("layer cache").hasRootCauseMessage("disk gone");
            assertThat(cache.find(key("a"))).isEmpty();
            assertThat(dir.resolve("v1/tmp").toFile().list()).isEmpty();
        }

        @Test
        void badDiffId_isRefused() {
            LayerCache cache = LayerCache.at(dir);
            assertThatThrownBy(() -> cache.computeIfAbsent(key("a"), GZIP, out -> "md5:x"))
                    .hasMessageContaining("sha256:<hex>");
            assertThat(cache.find(key("a"))).isEmpty();
        }

        @Test
        void missingBlob_isAMiss_andIsWrittenAgain() throws IOException {
            LayerCache cache = LayerCache.at(dir);
            CachedLayer first = cache.computeIfAbsent(key("a"), GZIP, out -> {
                out.write(7);
                return DIFF_ID;
            });
            Files.delete(first.blob());
            assertThat(cache.find(key("a"))).isEmpty();
            AtomicInteger writes = new AtomicInteger();
            cache.computeIfAbsent(key("a"), GZIP, out -> {
                writes.incrementAndGet();
                out.write(7);
                return DIFF_ID;
            });
            assertThat(writes).hasValue(1);
            assertThat(cache.find(key("a"))).isPresent();
        }

        @Test
        void threadsAskingForTheSameKey_shareOneComputation() throws Exception {
            LayerCache cache = LayerCache.at(dir);
            AtomicInteger writes = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<CachedLayer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return cache.computeIfAbsent(key("shared"), GZIP, out -> {
                            writes.incrementAndGet();
                            out.write(new byte[4096]);
                            return DIFF_ID;
                        });
                    }));
                }
                start.countDown();
                for (Future<CachedLayer> f : results) {
                    assertThat(f.get(10, TimeUnit.SECONDS).size()).isEqualTo(4096);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(writes).hasValue(1);
        }

        @Test
        void twoProcessesAskingForTheSameKey_shareOneComputation() throws Exception {
            Path log = dir.resolve("computed.log");
            String setting = UUID.randomUUID().toString();
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), CacheContender.class.getName(),
                        dir.resolve("c").toString(), log.toString(), setting).redirectErrorStream(true).start());
            }
            List<String> digests = new ArrayList<>();
            for (Process p : processes) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(p.exitValue()).as(output).isZero();
                digests.add(output);
            }
            assertThat(digests.get(0)).startsWith("sha256:").isEqualTo(digests.get(1));
            assertThat(Files.readAllLines(log)).containsExactly("computed");
        }
    }

    @Nested
    class Keys {

        @Test
        void sameInputs_giveTheSameKey_whateverTheOrder() throws IOException {
            Path a = Files.writeString(dir.resolve("a"), "a");
            Path b = Files.writeString(dir.resolve("b"), "b");
            LayerKey one = LayerKey.builder().file("/x/a", a).file("/x/b", b).setting("c", "gzip/1").build();
            LayerKey two = LayerKey.builder().setting("c", "gzip/1").file("/x/b", b).file("/x/a", a).build();
            assertThat(one).isEqualTo(two);
            assertThat(one.hex()).hasSize(64);
        }

        @Test
        void key_changesWithContentSizeTimeModePathOrSettings() throws IOException {
            Path f = Files.writeString(dir.resolve("f"), "one");
            Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            LayerKey base = LayerKey.builder().file("/f", f).setting("c", "gzip/1").build();

            assertThat(LayerKey.builder().file("/g", f).setting("c", "gzip/1").build()).isNotEqualTo(base);
            assertThat(LayerKey.builder().file("/f", f).setting("c", "gzip/6").build()).isNotEqualTo(base);

            Files.writeString(f, "two"); // same size, new time
            Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2020-01-01T00:00:01Z")));
            LayerKey edited = LayerKey.builder().file("/f", f).setting("c", "gzip/1").build();
            assertThat(edited).isNotEqualTo(base);

            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(LayerKey.builder().file("/f", f).setting("c", "gzip/1").build()).isNotEqualTo(edited);
        }

        @Test
        void symlinkTarget_isPartOfTheKey() throws IOException {
            Files.writeString(dir.resolve("t1"), "x");
            Files.writeString(dir.resolve("t2"), "x");
            Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("t1"));
            LayerKey one = LayerKey.builder().file("/l", link).build();
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of("t2"));
            assertThat(LayerKey.builder().file("/l", link).build()).isNotEqualTo(one);
        }

        @Test
        void sameSettingTwice_isRefused() {
            assertThatThrownBy(() -> LayerKey.builder().setting("c", "1").setting("c", "2"))
                    .hasMessageContaining("given twice");
        }
    }

    @Nested
    class Location {

        @Test
        void explicitVariable_winsOverXdg_whichWinsOverHome() {
            assertThat(LayerCache.defaultLocation(Map.of(LayerCache.ENV, "/c", "XDG_CACHE_HOME", "/x"), "/h"))
                    .isEqualTo(Path.of("/c"));
            assertThat(LayerCache.defaultLocation(Map.of("XDG_CACHE_HOME", "/x"), "/h"))
                    .isEqualTo(Path.of("/x/ecr-toolkit"));
            assertThat(LayerCache.defaultLocation(Map.of(), "/h")).isEqualTo(Path.of("/h/.cache/ecr-toolkit"));
        }

        @Test
        void folderThatCannotBeCreated_givesAClearError() throws IOException {
            Path file = Files.writeString(dir.resolve("plain-file"), "x");
            assertThatThrownBy(() -> LayerCache.at(file.resolve("cache")))
                    .isInstanceOf(LayerCacheException.class)
                    .hasMessageContaining("cannot create").hasMessageContaining("ECR_TOOLKIT_CACHE");
        }
    }

    @Nested
    class DamagedEntries {

        private CachedLayer cached(LayerCache cache, String setting) {
            return cache.computeIfAbsent(key(setting), GZIP, out -> {
                out.write("layer bytes".getBytes(StandardCharsets.UTF_8));
                return DIFF_ID;
            });
        }

        @Test
        void entryOfGarbageBytes_isAMiss_andIsWrittenAgain() throws IOException {
            LayerCache cache = LayerCache.at(dir);
            cached(cache, "a");
            Files.write(dir.resolve("v1/layers/" + key("a").hex()), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
            assertThat(cache.find(key("a"))).isEmpty();
            assertThat(cached(cache, "a").size()).isEqualTo(11);
            assertThat(cache.find(key("a"))).isPresent();
        }

        @Test
        void entryWithABadUnicodeEscape_isAMiss_notAStackTrace() throws IOException {
            LayerCache cache = LayerCache.at(dir);
            cached(cache, "a");
            Files.writeString(dir.resolve("v1/layers/" + key("a").hex()), "digest=\\uZZZZ\n");
            assertThat(cache.find(key("a"))).isEmpty();
        }

        @Test
        void entryWithoutADigest_isAMiss() throws IOException {
            LayerCache cache = LayerCache.at(dir);
            cached(cache, "a");
            Files.writeString(dir.resolve("v1/layers/" + key("a").hex()), "size=11\n");
            assertThat(cache.find(key("a"))).isEmpty();
        }

        @Test
        void rewrite_replacesABlobWhoseBytesDoNotMatchItsDigest() throws IOException {
            LayerCache cache = LayerCache.at(dir);
            CachedLayer good = cached(cache, "a");
            Files.writeString(good.blob(), "LAYER BYTES");   // same size, other bytes
            AtomicInteger writes = new AtomicInteger();
            CachedLayer again = cache.rewrite(key("a"), GZIP, out -> {
                writes.incrementAndGet();
                out.write("layer bytes".getBytes(StandardCharsets.UTF_8));
                return DIFF_ID;
            });
            assertThat(writes).hasValue(1);
            assertThat(again.digest()).isEqualTo(good.digest());
            assertThat(Files.readString(again.blob())).isEqualTo("layer bytes");
        }

        @Test
        void rewrite_keepsABlobThatAnotherProcessAlreadyRepaired() {
            LayerCache cache = LayerCache.at(dir);
            CachedLayer good = cached(cache, "a");
            CachedLayer again = cache.rewrite(key("a"), GZIP, out -> {
                throw new AssertionError("an intact blob is not written again");
            });
            assertThat(again).isEqualTo(good);
        }

        @Test
        void tempFilesOfAKilledWriter_areRemovedWhenTheCacheIsOpened_butNotThoseOfAWriterAtWork() throws Exception {
            LayerCache.at(dir);
            Path stale = Files.write(dir.resolve("v1/tmp/" + key("dead").hex() + "~123.blob"), new byte[4096]);
            Path foreign = Files.writeString(dir.resolve("v1/tmp/notes.txt"), "not ours");
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CachedLayer> busy = pool.submit(() -> LayerCache.at(dir).computeIfAbsent(key("busy"), GZIP, out -> {
                    out.write(new byte[100]);
                    out.flush();
                    writing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return DIFF_ID;
                }));
                assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
                LayerCache.at(dir);
                assertThat(stale).doesNotExist();
                assertThat(foreign).exists();
                try (var files = Files.list(dir.resolve("v1/tmp"))) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .anyMatch(name -> name.startsWith(key("busy").hex()));
                }
                release.countDown();
                assertThat(busy.get(10, TimeUnit.SECONDS).size()).isEqualTo(100);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
