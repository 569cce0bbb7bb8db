package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerEntryTest {

    @TempDir
    Path dir;

    @Test
    void walkedFiles_shareTheirFolder_andReadFromTheSameFileAsBefore() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app/sub"));
        Files.writeString(app.resolve("a.txt"), "a");
        Files.writeString(app.resolve("\u00e9t\u00e9.txt"), "non-ASCII");
        LayerSpec spec = LayerSpec.builder().add(dir.resolve("app"), "/srv").build();

        for (LayerEntry e : spec.entries()) {
            if (e.type() == LayerEntry.Type.FILE) {
                Path source = e.source().orElseThrow();
                assertThat(source).isEqualTo(app.resolve(e.path().substring("srv/sub/".length())).toRealPath());
                assertThat(e.sourceFolder().map(dir -> dir.resolve(e.sourceName().orElseThrow()))).contains(source);
                assertThat(Files.readString(source)).isNotEmpty();
            } else {
                assertThat(e.sourceFolder()).isEmpty();
            }
        }
    }

    @Test
    void fileInAFolder_isTheFolderResolvingTheName() {
        Instant t = Instant.parse("2024-01-02T03:04:05.123456789Z");
        LayerEntry inRoot = LayerEntry.file("x/y.txt", Path.of("/"), "y.txt", 1, 0644, 0, 0, t);
        LayerEntry elsewhere = LayerEntry.file("x/z.txt", dir, "y.txt", 1, 0644, 0, 0, t);

        assertThat(inRoot.source()).contains(Path.of("/y.txt"));
        assertThat(inRoot.sourceFolder()).contains(Path.of("/"));
        assertThat(inRoot.sourceName()).contains("y.txt");
        assertThat(elsewhere.source()).contains(dir.resolve("y.txt"));
        assertThat(elsewhere.sourceFolder()).contains(dir);
        assertThat(elsewhere.sourceName()).contains("y.txt");
        assertThat(elsewhere.sourceModified()).contains(t);
        assertThat(elsewhere).isEqualTo(LayerEntry.file("x/z.txt", dir.resolve("y.txt"), 1, 0644, 0, 0, t));
        assertThatThrownBy(() -> LayerEntry.file("x/z.txt", dir, "a/b", 1, 0644, 0, 0, t))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
