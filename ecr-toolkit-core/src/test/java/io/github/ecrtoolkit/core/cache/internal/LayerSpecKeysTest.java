package io.github.ecrtoolkit.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.core.cache.LayerKey;
import io.github.ecrtoolkit.core.layer.EntryOptions;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSpecKeysTest {

    private static final Instant T = Instant.EPOCH;

    @TempDir
    Path dir;

    private LayerSpec spec(Path source) {
        return LayerSpec.builder().context(dir).add(source, "/app").build();
    }

    private Path folder() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("a.txt"), "a");
        Files.writeString(app.resolve("b.txt"), "b");
        return app;
    }

    @Test
    void sameFiles_sameKey_evenFromAnotherSpecObject() throws IOException {
        Path app = folder();
        assertThat(LayerSpecKeys.of(spec(app), T)).isEqualTo(LayerSpecKeys.of(spec(app), T));
    }

    @Test
    void sameFilesInAnotherFolder_changeTheKey() throws IOException {
        Path app = folder();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String name : List.of("a.txt", "b.txt")) {
            Files.copy(app.resolve(name), copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertThat(LayerSpecKeys.of(spec(copy), T)).isNotEqualTo(LayerSpecKeys.of(spec(app), T));
    }

    @Test
    void editedFile_changesTheKey() throws IOException {
        Path app = folder();
        var before = LayerSpecKeys.of(spec(app), T);
        Files.writeString(app.resolve("a.txt"), "A");
        Files.setLastModifiedTime(app.resolve("a.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(LayerSpecKeys.of(spec(app), T)).isNotEqualTo(before);
    }

    @Test
    void entryTimeOwnerOrTarget_changeTheKey() throws IOException {
        Path app = folder();
        var base = LayerSpecKeys.of(spec(app), T);
        assertThat(LayerSpecKeys.of(spec(app), Instant.ofEpochSecond(1))).isNotEqualTo(base);
        assertThat(LayerSpecKeys.of(LayerSpec.builder().context(dir).add(app, "/other").build(), T)).isNotEqualTo(base);
        assertThat(LayerSpecKeys.of(LayerSpec.builder().context(dir).add(app, "/app", EntryOptions.defaults().withOwner(1000, 1000))
                .build(), T)).isNotEqualTo(base);
    }

    @Test
    void fileJustModified_sameSizeSameTime_isStillTold_byItsContent() throws IOException {
        Path app = folder();
        FileTime time = FileTime.from(Instant.parse("2030-01-01T00:00:00Z"));
        Files.setLastModifiedTime(app.resolve("a.txt"), time);
        Instant now = Instant.parse("2030-01-01T00:00:01Z"); // within the racy window
        var before = LayerSpecKeys.of(spec(app), T, now);
        Files.writeString(app.resolve("a.txt"), "B");      // same size,
        Files.setLastModifiedTime(app.resolve("a.txt"), time); // same time
        assertThat(LayerSpecKeys.of(spec(app), T, now)).isNotEqualTo(before);
        // long after, the time alone is trusted: no file is read
        assertThat(LayerSpecKeys.of(spec(app), T, now.plusSeconds(60)))
                .isEqualTo(LayerSpecKeys.of(spec(app), T, now.plusSeconds(60)));
    }

    @Test
    void contentGivenInCode_isKeyedByItsBytes() {
        LayerSpec one = LayerSpec.builder().addContent("/etc/x", new byte[] {1}, EntryOptions.defaults()).build();
        LayerSpec two = LayerSpec.builder().addContent("/etc/x", new byte[] {2}, EntryOptions.defaults()).build();
        assertThat(LayerSpecKeys.of(one, T)).isNotEqualTo(LayerSpecKeys.of(two, T));
    }

    @Test
    void manyEntries_areHashedInChunks_andAChangeInAnyChunkChangesTheKey() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        int files = LayerSpecKeys.CHUNK * 2 + 10;
        for (int i = 0; i < files; i++) {
            Files.writeString(app.resolve("f" + i + ".txt"), "x");
        }
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (int i = 0; i < files; i++) {
            Files.setLastModifiedTime(app.resolve("f" + i + ".txt"), old);
        }
        LayerSpec spec = spec(app);
        LayerKey key = LayerSpecKeys.of(spec, T);
        assertThat(LayerSpecKeys.of(spec(app), T)).isEqualTo(key).isEqualTo(collected(spec, T, Instant.now()));
        // the last entry in path order sits in the third chunk, the first in the first
        for (String name : new String[] {"f999.txt", "f0.txt"}) {
            Files.setLastModifiedTime(app.resolve(name), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
            assertThat(LayerSpecKeys.of(spec(app), T)).as(name).isNotEqualTo(key);
            Files.setLastModifiedTime(app.resolve(name), old);
        }
        assertThat(LayerSpecKeys.of(spec(app), T)).isEqualTo(key);
    }

    @Test
    void keyValues_areThoseOfAReferenceComputation() throws IOException {
        Path app = folder();
        Files.createSymbolicLink(app.resolve("link"), Path.of("a.txt"));
        Files.writeString(app.resolve("\u00e9t\u00e9.txt"), "non-ASCII name");
        // a sub-folder between files of its parent: the parent's path is written again after it
        Files.writeString(Files.createDirectories(app.resolve("m")).resolve("c.txt"), "c");
        Files.writeString(app.resolve("z.txt"), "z");
        LayerSpec spec = LayerSpec.builder().context(dir).add(app, "/app", EntryOptions.defaults().withMode(04755))
                .addContent("/etc/x", new byte[] {1, 2}, EntryOptions.defaults()).build();
        Instant later = Instant.now().plusSeconds(60);

        assertThat(LayerSpecKeys.of(spec, T, later)).isEqualTo(collected(spec, T, later));
    }

    @Test
    void collectingBuilder_keepsItsKeyValues() {
        // the hex the builder gave before keys were streamed, for these inputs
        LayerKey key = LayerKey.builder().setting("tar", "pax-sorted-1").setting("mtime", "1970-01-01T00:00:00Z")
                .entry("app/\u00e9.txt", "FILE 644 0:0 3 sha256:x").entry("app", "DIRECTORY 755 0:0 0")
                .entry("app/a\uD83D\uDE00", "SYMLINK 777 0:0 0 -> 1:a").build();
        assertThat(key.hex()).isEqualTo("e0fbb002700072ea9df9507812bc6d8e34d413dce71cdc41d2180e61e5bf760c");
    }

    /**
     * The key computed the plain way: each chunk of entries as records written by a
     * {@link DataOutputStream} and hashed, and the key over the chunks' hashes.
     */
    private static LayerKey collected(LayerSpec spec, Instant modificationTime, Instant now) throws IOException {
        List<LayerEntry> entries = spec.entries();
        LayerKey.Builder key = LayerKey.builder().setting("tar", "pax-sorted-2").setting("mtime", modificationTime.toString())
                .setting("chunk", Integer.toString(LayerSpecKeys.CHUNK)).setting("entries", "records-1");
        for (int from = 0, chunk = 0; from < Math.max(1, entries.size()); from += LayerSpecKeys.CHUNK, chunk++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            Path lastFolder = null;
            for (LayerEntry e : entries.subList(from, Math.min(entries.size(), from + LayerSpecKeys.CHUNK))) {
                record(out, e, lastFolder, now);
                lastFolder = e.source().map(Path::getParent).orElse(null);
            }
            key.entry(String.format("%08d", chunk), sha256(bytes.toByteArray()));
        }
        return key.build();
    }

    /** One entry; a file's folder is written out unless it is the previous entry's too. */
    private static void record(DataOutputStream out, LayerEntry e, Path lastFolder, Instant now) throws IOException {
        text(out, e.path());
        out.writeByte(e.type().ordinal());
        out.writeInt(e.mode());
        out.writeInt(e.uid());
        out.writeInt(e.gid());
        out.writeLong(e.size());
        if (e.linkTarget().isPresent()) {
            out.writeByte('L');
            text(out, e.linkTarget().get());
        }
        if (e.source().isPresent()) {
            Path folder = e.source().get().getParent();
            if (folder.equals(lastFolder)) {
                out.writeByte('^');
            } else {
                out.writeByte('F');
                text(out, folder.toString());
            }
            text(out, e.source().get().getFileName().toString());
            Instant modified = e.sourceModified().orElseThrow();
            out.writeByte('M');
            out.writeLong(modified.getEpochSecond());
            out.writeInt(modified.getNano());
            assertThat(now.minus(LayerSpecKeys.RACY).isBefore(modified)).isFalse();
        }
        if (e.content().isPresent()) {
            out.writeByte('C');
            byte[] hash = HexFormat.of().parseHex(sha256(e.content().get()));
            out.writeInt(hash.length);
            out.write(hash);
        }
        out.writeByte('\n');
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
