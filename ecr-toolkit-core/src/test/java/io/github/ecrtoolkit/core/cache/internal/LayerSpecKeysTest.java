package io.github.ecrtoolkit.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.core.layer.EntryOptions;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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
}
