package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.Commands;

/** What layers keep of the files on disk, as Docker keeps it: modes, hard links, name bytes. */
class DockerFidelityTest {

    @TempDir
    Path dir;

    @Test
    void normalisedModes_areStableAcrossUmasks_butNeverWiderThanOnDisk() throws IOException {
        Map<String, String> onDisk = Map.of("key", "rw-------", "team", "rw-r-----", "shared", "rw-rw-r--", "tool", "rwxrwxr-x");
        onDisk.forEach((name, mode) -> write(name, mode));
        Files.setPosixFilePermissions(Files.createDirectories(dir.resolve("private")), PosixFilePermissions.fromString("rwx------"));

        Map<String, LayerEntry> entries = entries(LayerSpec.builder().add(dir, "/app").build());

        assertThat(entries.get("app/key").mode()).isEqualTo(0600);
        assertThat(entries.get("app/team").mode()).isEqualTo(0640);
        assertThat(entries.get("app/shared").mode()).isEqualTo(0644);
        assertThat(entries.get("app/tool").mode()).isEqualTo(0755);
        assertThat(entries.get("app/private").mode()).isEqualTo(0700);
    }

    @Test
    void modesFromDisk_keepEveryPermissionBit_asDockerBuildDoes() {
        write("shared", "rw-rw-r--");

        assertThat(entries(LayerSpec.builder().modesFromDisk(true).add(dir, "/app").build()).get("app/shared").mode()).isEqualTo(0664);
    }

    @Test
    void hardLinks_stayLinksToTheFirstPath_andTheBytesAreWrittenOnce() throws IOException {
        Files.write(dir.resolve("b.bin"), new byte[10_000]);
        Files.createLink(dir.resolve("a.bin"), dir.resolve("b.bin"));

        LayerSpec spec = LayerSpec.builder().add(dir, "/app").build();
        Map<String, LayerEntry> entries = entries(spec);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LayerBlobWriter.create().writeTar(spec, tar);

        assertThat(entries.get("app/a.bin").type()).isEqualTo(LayerEntry.Type.FILE);
        assertThat(entries.get("app/b.bin").type()).isEqualTo(LayerEntry.Type.HARD_LINK);
        assertThat(entries.get("app/b.bin").linkTarget()).contains("app/a.bin");
        assertThat(tar.size()).as("one copy of the bytes").isLessThan(2 * 10_000);
        assertThat(gnuTarListing(tar.toByteArray())).anyMatch(line -> line.contains("app/b.bin link to app/a.bin"));
    }

    @Test
    void aHardLinkWhoseFirstPathIsReplaced_isWrittenAsAFile() throws IOException {
        Files.write(dir.resolve("b.bin"), new byte[100]);
        Files.createLink(dir.resolve("a.bin"), dir.resolve("b.bin"));

        LayerSpec spec = LayerSpec.builder().add(dir, "/app")
                .addContent("/app/a.bin", new byte[] {1}, EntryOptions.defaults()).build();

        assertThat(entries(spec).get("app/b.bin").type()).isEqualTo(LayerEntry.Type.FILE);
        assertThat(entries(spec).get("app/b.bin").size()).isEqualTo(100);
    }

    @Test
    void namesThatAreNotUtf8_keepTheirBytes_soTwoSuchNamesStayTwoFiles() throws IOException {
        Commands.run("sh", "-c", "cd '" + dir + "' && printf x > \"$(printf 'n-\\377')\" && printf y > \"$(printf 'n-\\376')\"")
                .assertSuccess();

        LayerSpec spec = LayerSpec.builder().add(dir, "/app").build();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        LayerBlobWriter.create().writeTar(spec, tar);

        assertThat(spec.entries()).hasSize(3);
        String bytes = tar.toString(StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("path=app/n-\u00ff\n", "path=app/n-\u00fe\n", "hdrcharset=BINARY");
        assertThat(gnuTarExtract(tar.toByteArray())).containsExactlyInAnyOrder("app/n-\u00ff x", "app/n-\u00fe y");
    }

    private void write(String name, String mode) {
        try {
            Files.writeString(dir.resolve(name), name);
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, LayerEntry> entries(LayerSpec spec) {
        return spec.entries().stream().collect(Collectors.toMap(LayerEntry::path, Function.identity()));
    }

    /** GNU tar's verbose listing, an independent reader of the tar. */
    private List<String> gnuTarListing(byte[] tar) throws IOException {
        Path file = Files.write(dir.resolve("layer.tar"), tar);
        return Commands.run("tar", "-tvf", file.toString()).assertSuccess().stdout().lines().toList();
    }

    /** Extracts with GNU tar and lists each file as its name's bytes (ISO-8859-1) and content. */
    private List<String> gnuTarExtract(byte[] tar) throws IOException {
        Path file = Files.write(dir.resolve("layer.tar"), tar);
        Path out = Files.createDirectories(dir.resolve("out"));
        Commands.run("tar", "-xf", file.toString(), "-C", out.toString()).assertSuccess();
        Process find = new ProcessBuilder("sh", "-c", "cd '" + out + "' && for f in app/*; do printf '%s %s\\n' \"$f\" \"$(cat \"$f\")\"; done")
                .start();
        return new String(find.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
    }
}
