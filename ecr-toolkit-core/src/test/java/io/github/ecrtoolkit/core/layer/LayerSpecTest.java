package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSpecTest {

    @TempDir
    Path temp;
    Path context;

    @BeforeEach
    void createContext() throws IOException {
        context = Files.createDirectories(temp.resolve("context"));
        Files.createDirectories(context.resolve("app/lib"));
        Files.writeString(context.resolve("app/lib/a.jar"), "jar");
        Files.writeString(context.resolve("app/README.md"), "readme");
    }

    private static List<String> paths(LayerSpec spec) {
        return spec.entries().stream().map(LayerEntry::path).toList();
    }

    @Nested
    class SymbolicLinks {

        @Test
        void linkInsideTheContext_isKeptAsALink() throws IOException {
            Files.createSymbolicLink(context.resolve("app/lib/current.jar"), Path.of("a.jar"));
            LayerSpec spec = LayerSpec.builder().context(context).add(context.resolve("app"), "/opt").build();
            LayerEntry link = spec.entries().stream().filter(e -> e.path().equals("opt/lib/current.jar")).findFirst().orElseThrow();
            assertThat(link.type()).isEqualTo(LayerEntry.Type.SYMLINK);
            assertThat(link.linkTarget()).contains("a.jar");
        }

        @Test
        void linkLeavingTheContext_isRefusedNamingLinkAndTarget() throws IOException {
            Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
            Files.createSymbolicLink(context.resolve("app/lib/escape"), Path.of("../../../secret.txt"));
            assertThatThrownBy(() -> LayerSpec.builder().context(context).add(context.resolve("app"), "/opt"))
                    .isInstanceOf(LayerException.class)
                    .hasMessageContaining("app/lib/escape")
                    .hasMessageContaining("../../../secret.txt")
                    .hasMessageContaining(outside.toRealPath().toString())
                    .hasMessageContaining("outside the build context");
        }

        @Test
        void linkLeavingTheContext_isKeptWhenAskedTo_asDockerBuildContextsDo() throws IOException {
            Files.createSymbolicLink(context.resolve("app/python"), Path.of("/usr/bin/python3"));
            LayerSpec spec = LayerSpec.builder().context(context).keepLinksLeavingContext(true).add(context, "/").build();
            assertThat(spec.entries()).filteredOn(e -> e.path().equals("app/python")).singleElement()
                    .satisfies(e -> assertThat(e.linkTarget()).contains("/usr/bin/python3"));
        }

        @Test
        void absoluteLink_isRefused() throws IOException {
            Files.createSymbolicLink(context.resolve("app/passwd"), Path.of("/etc/passwd"));
            assertThatThrownBy(() -> LayerSpec.builder().context(context).add(context.resolve("app"), "/opt"))
                    .isInstanceOf(LayerException.class).hasMessageContaining("/etc/passwd").hasMessageContaining("app/passwd");
        }

        @Test
        void namedSourceThatLinksOutOfTheContext_isRefused() throws IOException {
            Path outside = Files.createDirectories(temp.resolve("elsewhere"));
            Files.createSymbolicLink(context.resolve("linked"), outside);
            assertThatThrownBy(() -> LayerSpec.builder().context(context).add(context.resolve("linked"), "/x"))
                    .isInstanceOf(LayerException.class).hasMessageContaining("linked")
                    .hasMessageContaining(outside.toRealPath().toString());
        }

        @Test
        void namedSourceThatLinksInsideTheContext_isFollowed() throws IOException {
            Files.createSymbolicLink(context.resolve("jar-link"), Path.of("app/lib/a.jar"));
            LayerSpec spec = LayerSpec.builder().context(context).add(context.resolve("jar-link"), "/app.jar").build();
            assertThat(spec.entries()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(LayerEntry.Type.FILE);
                assertThat(e.size()).isEqualTo(3);
            });
        }
    }

    @Test
    void sourceOutsideTheContext_isRefusedNamingBothPaths() throws IOException {
        Path outside = Files.writeString(temp.resolve("other.txt"), "x");
        assertThatThrownBy(() -> LayerSpec.builder().context(context).add(outside, "/x"))
                .isInstanceOf(LayerException.class).hasMessageContaining(outside.toString()).hasMessageContaining(context.toString());
    }

    @Test
    void missingSource_isRefusedNamingIt() {
        assertThatThrownBy(() -> LayerSpec.builder().context(context).add(context.resolve("nope.txt"), "/x"))
                .isInstanceOf(LayerException.class).hasMessageContaining("nope.txt").hasMessageContaining("does not exist");
    }

    @Test
    void aWideAndDeepFolder_walkedBySeveralThreads_givesEveryEntryOnce() throws IOException {
        Path app = context.resolve("tree");
        List<String> expected = new java.util.ArrayList<>();
        for (int a = 0; a < 12; a++) {
            for (int b = 0; b < 6; b++) {
                Path folder = Files.createDirectories(app.resolve("d" + a + "/e" + b + "/f"));
                for (int f = 0; f < 15; f++) {
                    Files.writeString(folder.resolve("c" + f + ".class"), a + "/" + b + "/" + f);
                }
            }
        }
        // names whose order differs from their folders' order as whole paths: a-b and a.c sort
        // between the folder a and what it holds, a0 after it
        for (String name : new String[] {"a/x", "a-b", "a.c", "a0", "A", "\u00e9t\u00e9", "a/y/z", "a /q"}) {
            Path file = app.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
        }
        try (var walk = Files.walk(app)) {
            walk.filter(p -> !p.equals(app)).forEach(p -> expected.add("opt/" + app.relativize(p).toString()));
        }
        java.util.Collections.sort(expected);

        for (int round = 0; round < 5; round++) {
            LayerSpec spec = LayerSpec.builder().context(context).add(app, "/opt").build();
            assertThat(spec.entries()).extracting(LayerEntry::path).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of("opt"), expected.stream()).toList());
        }
    }

    @Test
    void aFolderAddedAfterOtherEntries_keepsThemAndTheOrder() throws IOException {
        Path app = context.resolve("more");
        for (String name : new String[] {"b/1", "b-2", "c"}) {
            Files.createDirectories(app.resolve(name).getParent());
            Files.writeString(app.resolve(name), name);
        }
        LayerSpec spec = LayerSpec.builder().context(context)
                .addContent("/opt/b-1", new byte[] {1}, EntryOptions.defaults())
                .addContent("/opt/c", new byte[] {2}, EntryOptions.defaults())
                .add(app, "/opt").build();
        assertThat(spec.entries()).extracting(LayerEntry::path)
                .containsExactly("opt", "opt/b", "opt/b-1", "opt/b-2", "opt/b/1", "opt/c");
        assertThat(spec.entries()).filteredOn(e -> e.path().equals("opt/c")).singleElement()
                .satisfies(e -> assertThat(e.source()).isPresent()); // the folder's c replaced the content
    }

    @Test
    void aFailureDeepInTheTree_endsTheWalkWithItsOwnMessage() throws Exception {
        Path app = context.resolve("deep");
        for (int a = 0; a < 8; a++) {
            Path folder = Files.createDirectories(app.resolve("d" + a + "/x/y"));
            for (int f = 0; f < 20; f++) {
                Files.writeString(folder.resolve("f" + f), "x");
            }
        }
        Process p = new ProcessBuilder("mkfifo", app.resolve("d5/x/y/pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        for (int round = 0; round < 5; round++) {
            assertThatThrownBy(() -> LayerSpec.builder().context(context).add(app, "/opt"))
                    .isInstanceOf(LayerException.class).hasMessageContaining("d5/x/y/pipe").hasMessageContaining(".dockerignore");
        }
    }

    @Test
    void fifo_isRefusedWithAHint() throws Exception {
        Process p = new ProcessBuilder("mkfifo", context.resolve("app/pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> LayerSpec.builder().context(context).add(context.resolve("app"), "/opt"))
                .isInstanceOf(LayerException.class).hasMessageContaining("pipe").hasMessageContaining(".dockerignore");
    }

    @Test
    void ignoredFiles_areLeftOut_andExceptionsReincludeThemInsideExcludedFolders() throws IOException {
        Files.createDirectories(context.resolve("app/target/classes"));
        Files.writeString(context.resolve("app/target/app.jar"), "jar");
        Files.writeString(context.resolve("app/target/classes/A.class"), "class");
        DockerIgnore ignore = DockerIgnore.of(List.of("**/*.md", "app/target", "!app/target/*.jar"));
        LayerSpec spec = LayerSpec.builder().context(context).ignore(ignore).add(context.resolve("app"), "/opt").build();
        assertThat(paths(spec)).containsExactly("opt", "opt/lib", "opt/lib/a.jar", "opt/target", "opt/target/app.jar");
    }

    @Test
    void excludedFolderNamedAsSource_yieldsWhatExceptionsReinclude() throws IOException {
        Files.writeString(context.resolve("app/lib/b.txt"), "b");
        DockerIgnore ignore = DockerIgnore.of(List.of("app/lib", "!app/lib/*.jar"));
        LayerSpec spec = LayerSpec.builder().context(context).ignore(ignore).add(context.resolve("app/lib"), "/lib").build();
        assertThat(paths(spec)).containsExactly("lib", "lib/a.jar");
    }

    @Test
    void namedSourceExcludedByIgnore_isRefusedWithAHint() {
        DockerIgnore ignore = DockerIgnore.of(List.of("app/README.md"));
        assertThatThrownBy(() -> LayerSpec.builder().context(context).ignore(ignore).add(context.resolve("app/README.md"), "/r"))
                .isInstanceOf(LayerException.class).hasMessageContaining("excluded").hasMessageContaining("!app/README.md");
    }

    @Test
    void options_setModeAndOwnerOfEverythingAdded() throws IOException {
        Files.setPosixFilePermissions(context.resolve("app/README.md"), PosixFilePermissions.fromString("rwxrwxrwx"));
        LayerSpec spec = LayerSpec.builder().context(context)
                .add(context.resolve("app"), "/opt", EntryOptions.defaults().withMode(0640).withOwner(1000, 2000)).build();
        for (LayerEntry e : spec.entries()) {
            if (e.path().equals("opt")) {
                assertThat(e.mode()).isEqualTo(0640); // the destination directory itself was copied with the options
            }
            if (e.path().startsWith("opt/")) {
                assertThat(e.mode()).isEqualTo(0640);
                assertThat(e.uid()).isEqualTo(1000);
                assertThat(e.gid()).isEqualTo(2000);
            }
        }
    }

    @Test
    void laterEntries_replaceEarlierOnesAtTheSamePath() throws IOException {
        Path other = Files.writeString(context.resolve("other.jar"), "other-jar");
        LayerSpec spec = LayerSpec.builder().context(context)
                .add(context.resolve("app/lib/a.jar"), "/app.jar").add(other, "/app.jar").build();
        assertThat(spec.entries()).singleElement().satisfies(e -> assertThat(e.size()).isEqualTo(9));
    }

    @Test
    void fileWhereADirectoryIsNeeded_isRefused() {
        LayerSpec.Builder builder = LayerSpec.builder().context(context)
                .add(context.resolve("app/README.md"), "/x").add(context.resolve("app/lib/a.jar"), "/x/a.jar");
        assertThatThrownBy(builder::build).isInstanceOf(LayerException.class).hasMessageContaining("/x");
    }

    @Test
    void withoutContext_eachAddedFolderIsItsOwnBoundary() throws IOException {
        Files.createSymbolicLink(context.resolve("app/lib/up"), Path.of("../README.md"));
        assertThatThrownBy(() -> LayerSpec.builder().add(context.resolve("app/lib"), "/lib"))
                .isInstanceOf(LayerException.class).hasMessageContaining("up");
        assertThat(paths(LayerSpec.builder().add(context.resolve("app"), "/opt").build())).contains("opt/lib/up");
    }
}
