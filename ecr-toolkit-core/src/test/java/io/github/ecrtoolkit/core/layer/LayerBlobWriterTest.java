package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
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
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.layer.internal.LayerTarWriter;

class LayerBlobWriterTest {

    private static final String LONG_NAME = "deep/" + "a-rather-long-directory-name-that-keeps-going/".repeat(4) + "file-with-a-long-name.txt";

    @TempDir
    Path temp;

    private final LayerBlobWriter writer = LayerBlobWriter.builder().modificationTime(Instant.EPOCH).build();

    @Nested
    class Reproducibility {

        @Test
        void sameFiles_createdAtOtherTimesWithOtherPermissionsAndOwners_giveTheSameDigest() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(1_000_000L));
            Path b = appFolder(temp.resolve("b"), "rw-rw-r--", "rwxrwxr-x", FileTime.fromMillis(1_700_000_000_000L));
            try (var files = Files.walk(b)) {
                for (Path p : files.toList()) {
                    Files.setAttribute(p, "unix:uid", 1234, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", 4321, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }

            LayerBlob first = writer.write(spec(a), temp.resolve("blobs-a"));
            Thread.sleep(1100); // a wall-clock second later: nothing time-dependent may leak in
            LayerBlob second = writer.write(spec(b), temp.resolve("blobs-b"));

            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.diffId()).isEqualTo(first.diffId());
            assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
        }

        @Test
        void digest_doesNotDependOnTheUserRunningTheBuild() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0));
            String user = System.getProperty("user.name");
            LayerBlob asOther;
            try {
                System.setProperty("user.name", "someone-else");
                asOther = writer.write(spec(a), temp.resolve("blobs-other"));
            } finally {
                System.setProperty("user.name", user);
            }
            LayerBlob asUs = writer.write(spec(a), temp.resolve("blobs-us"));
            assertThat(asOther.digest()).isEqualTo(asUs.digest());
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            writer.writeTar(spec(a), tar);
            assertThat(new String(tar.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(user);
        }

        @Test
        void oneChangedFile_changesTheDigest() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0));
            LayerBlob before = writer.write(spec(a), temp.resolve("blobs"));
            Files.writeString(a.resolve("lib/util.txt"), "changed");
            LayerBlob after = writer.write(spec(a), temp.resolve("blobs"));
            assertThat(after.digest()).isNotEqualTo(before.digest());
            assertThat(after.diffId()).isNotEqualTo(before.diffId());
        }

        @Test
        void gzipHeader_hasNoTimeNoNameAndUnknownOs() throws Exception {
            LayerBlob blob = writer.write(spec(appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0))),
                    temp.resolve("blobs"));
            byte[] header = new byte[10];
            try (InputStream in = Files.newInputStream(blob.file())) {
                assertThat(in.readNBytes(header, 0, 10)).isEqualTo(10);
            }
            assertThat(HexFormat.of().formatHex(header)).isEqualTo("1f8b08000000000000ff");
        }

        @Test
        void digestAndDiffId_areTheHashesOfTheBlobAndOfTheTar() throws Exception {
            LayerBlob blob = writer.write(spec(appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0))),
                    temp.resolve("blobs"));
            byte[] compressed = Files.readAllBytes(blob.file());
            byte[] tar;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(blob.file()))) {
                tar = in.readAllBytes();
            }
            assertThat(blob.digest()).isEqualTo(sha256(compressed));
            assertThat(blob.diffId()).isEqualTo(sha256(tar));
            assertThat(blob.size()).isEqualTo(compressed.length);
            assertThat(blob.uncompressedSize()).isEqualTo(tar.length);
            assertThat(blob.file().getFileName().toString()).isEqualTo(blob.digest().substring(7) + ".tar.gz");
            assertThat(blob.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");

            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            LayerBlobWriter.TarSummary summary = writer.writeTar(spec(temp.resolve("a")), streamed);
            assertThat(streamed.toByteArray()).isEqualTo(tar);
            assertThat(summary.diffId()).isEqualTo(blob.diffId());
            assertThat(summary.size()).isEqualTo(tar.length);
        }

        @Test
        void sourceDateEpoch_setsTheEntryTimes() throws Exception {
            Instant time = LayerBlobWriter.sourceDateEpoch(Map.of("SOURCE_DATE_EPOCH", "1700000000"));
            assertThat(time).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
            assertThat(LayerBlobWriter.sourceDateEpoch(Map.of())).isEqualTo(Instant.EPOCH);
            assertThatThrownBy(() -> LayerBlobWriter.sourceDateEpoch(Map.of("SOURCE_DATE_EPOCH", "yesterday")))
                    .isInstanceOf(LayerException.class).hasMessageContaining("SOURCE_DATE_EPOCH");

            LayerBlobWriter dated = LayerBlobWriter.builder().modificationTime(time).build();
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0));
            for (TarArchiveEntry e : entries(dated.write(spec(a), temp.resolve("blobs")))) {
                assertThat(e.getModTime().toInstant()).isEqualTo(time);
            }
        }

        @Test
        void compressionLevels_giveValidBlobsOfTheSameTar() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0));
            LayerBlob fast = LayerBlobWriter.builder().compressionLevel(1).modificationTime(Instant.EPOCH).build()
                    .write(spec(a), temp.resolve("b1"));
            LayerBlob small = LayerBlobWriter.builder().compressionLevel(9).modificationTime(Instant.EPOCH).build()
                    .write(spec(a), temp.resolve("b9"));
            assertThat(fast.diffId()).isEqualTo(small.diffId());
            assertThat(fast.digest()).isNotEqualTo(small.digest());
            assertThatThrownBy(() -> LayerBlobWriter.builder().compressionLevel(10)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class TarContent {

        @Test
        void entries_areSortedWithParentsRootOwnedEmptyNamesFixedTimeAndNormalisedModes() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-rw-r--", "rwxrwxr-x", FileTime.fromMillis(123_456_789L));
            LayerSpec spec = LayerSpec.builder().context(a).add(a, "/opt/app").build();
            List<TarArchiveEntry> entries = entries(writer.write(spec, temp.resolve("blobs")));

            List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
            assertThat(names).isSorted();
            assertThat(names).startsWith("opt/", "opt/app/", "opt/app/bin/", "opt/app/bin/run.sh");
            assertThat(names).contains("opt/app/" + LONG_NAME, "opt/app/deep/");
            for (TarArchiveEntry e : entries) {
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getLongGroupId()).isZero();
                assertThat(e.getUserName()).isEmpty();
                assertThat(e.getGroupName()).isEmpty();
                assertThat(e.getModTime().toInstant()).isEqualTo(Instant.EPOCH);
            }
            assertThat(mode(entries, "opt/app/bin/run.sh")).isEqualTo(0100755);
            assertThat(mode(entries, "opt/app/lib/util.txt")).isEqualTo(0100644);
            assertThat(mode(entries, "opt/app/bin/")).isEqualTo(040755);
            assertThat(mode(entries, "opt/")).isEqualTo(040755);
        }

        @Test
        void longNames_roundTripThroughPaxHeaders() throws Exception {
            Path a = appFolder(temp.resolve("a"), "rw-r--r--", "rwxr-xr-x", FileTime.fromMillis(0));
            List<TarArchiveEntry> entries = entries(writer.write(spec(a), temp.resolve("blobs")));
            assertThat(LONG_NAME.length()).isGreaterThan(100);
            assertThat(entries).extracting(TarArchiveEntry::getName).contains("app/" + LONG_NAME);
        }

        @Test
        void nonAsciiNames_roundTrip() throws Exception {
            Path a = Files.createDirectories(temp.resolve("a"));
            Files.writeString(a.resolve("grüße-日本.txt"), "hi");
            List<TarArchiveEntry> entries = entries(writer.write(spec(a), temp.resolve("blobs")));
            assertThat(entries).extracting(TarArchiveEntry::getName).contains("app/grüße-日本.txt");
        }

        @Test
        void filesOf8GiBAndMore_getTheirSizeFromAPaxHeader() throws Exception {
            long size = 9L * 1024 * 1024 * 1024;
            LayerEntry big = LayerEntry.file("data/huge.bin", temp, size, 0644, 0, 0, Instant.EPOCH);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new LayerTarWriter(Instant.EPOCH, 1024).writeHeader(bytes, big, 0);
            String headers = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
            assertThat(headers).contains("size=" + size);
            try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                TarArchiveEntry read = in.getNextEntry();
                assertThat(read.getName()).isEqualTo("data/huge.bin");
                assertThat(read.getSize()).isEqualTo(size);
            }
        }

        @Test
        void contentAndDirectoryEntries_fromCode() throws Exception {
            LayerSpec spec = LayerSpec.builder().description("generated")
                    .addContent("etc/app/config.properties", "a=1\n".getBytes(StandardCharsets.UTF_8), EntryOptions.defaults())
                    .addDirectory("var/data", EntryOptions.defaults().withMode(0700).withOwner(1000, 1000))
                    .addSymlink("usr/bin/app", "/opt/app/bin/run.sh", EntryOptions.defaults())
                    .build();
            List<TarArchiveEntry> entries = entries(writer.write(spec, temp.resolve("blobs")));
            assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("etc/", "etc/app/",
                    "etc/app/config.properties", "usr/", "usr/bin/", "usr/bin/app", "var/", "var/data/");
            TarArchiveEntry data = entries.get(7);
            assertThat(data.getMode()).isEqualTo(040700);
            assertThat(data.getLongUserId()).isEqualTo(1000);
            assertThat(entries.get(5).getLinkName()).isEqualTo("/opt/app/bin/run.sh");
            assertThat(entries.get(5).isSymbolicLink()).isTrue();
        }

        @Test
        void implicitTmpParents_keepTheStickyWorldWritableMode() {
            LayerSpec spec = LayerSpec.builder().addContent("tmp/x", new byte[0], EntryOptions.defaults()).build();
            assertThat(spec.entries().get(0).path()).isEqualTo("tmp");
            assertThat(spec.entries().get(0).mode()).isEqualTo(01777);
        }
    }

    @Test
    void write_whenAFileShrinksMeanwhile_failsAndLeavesNoPartialBlob() throws Exception {
        Path a = Files.createDirectories(temp.resolve("a"));
        Files.writeString(a.resolve("f.txt"), "0123456789");
        LayerSpec spec = spec(a);
        Files.writeString(a.resolve("f.txt"), "01");
        Path blobs = temp.resolve("blobs");
        assertThatThrownBy(() -> writer.write(spec, blobs)).isInstanceOf(LayerException.class)
                .hasMessageContaining("f.txt").hasMessageContaining("changed size");
        try (var files = Files.list(blobs)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    static Path appFolder(Path root, String filePerms, String dirPerms, FileTime time) throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve(LONG_NAME).getParent());
        Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(root.resolve("lib/util.txt"), "util");
        Files.writeString(root.resolve(LONG_NAME), "long");
        Files.createSymbolicLink(root.resolve("lib/current"), Path.of("util.txt"));
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                boolean dir = Files.isDirectory(p);
                String perms = dir ? dirPerms : p.endsWith("run.sh") ? dirPerms : filePerms;
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
                Files.setLastModifiedTime(p, time);
            }
        }
        return root;
    }

    static LayerSpec spec(Path folder) {
        return LayerSpec.builder().context(folder).description("COPY . /app/").add(folder, "/app").build();
    }

    static List<TarArchiveEntry> entries(LayerBlob blob) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(blob.file())))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    private static int mode(List<TarArchiveEntry> entries, String name) {
        return entries.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getMode();
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
