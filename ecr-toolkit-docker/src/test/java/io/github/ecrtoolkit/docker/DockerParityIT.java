package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * The same context built by {@code docker build}, by the daemonless builder and by the Engine
 * builder gives the same files: names as bytes, type, permission bits, owner, symbolic and hard
 * link targets — compared entry by entry in {@code docker export} listings of each image.
 */
@ExtendWith(TestServices.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DockerParityIT {

    /** A time no checkout gives, so that the Engine builder's context is seen to carry the file's own. */
    private static final long KEY_MTIME = 1_700_000_000L;

    @Test
    void allThreeBuilders_giveTheFilesDockerBuildGives(TestTools tools, @OpenRegistry TestRegistry open, TestDockerEngine engine,
            @TempDir Path dir) throws Exception {
        Path context = parityContext(dir, tools, "FROM scratch", "COPY . /ctx/");
        Path config = dir.resolve("cfg");
        String reference = "parity-reference:" + Contexts.suffix();
        engine.docker(config, "build", "-q", "-t", reference, context.toString()).assertSuccess();
        String daemonless = open.host() + "/parity/daemonless:" + Contexts.suffix();
        String engineBuilt = open.host() + "/parity/engine:" + Contexts.suffix();
        try (Registry registry = Registry.builder().host(open.host()).allowInsecureLoopback(true).build()) {
            registry.build(context).tag(daemonless.substring(open.host().length() + 1)).push();
            registry.build(context).builder(DockerEngineBuilder.on(DockerHost.unixSocket(engine.socket())).pushMode(PushMode.EXPORT))
                    .tag(engineBuilt.substring(open.host().length() + 1)).push();
        }
        try {
            Map<String, TarListing.Entry> expected = underCtx(export(engine, config, reference, dir));
            Map<String, TarListing.Entry> fromDaemonless = underCtx(export(engine, config, pulled(engine, config, daemonless), dir));
            Map<String, TarListing.Entry> fromEngine = underCtx(export(engine, config, pulled(engine, config, engineBuilt), dir));

            assertThat(expected).containsKeys("ctx/key", "ctx/name-\u00ff", "ctx/name-\u00fe", "ctx/data.bin", "ctx/data-link.bin");
            assertThat(expected.get("ctx/key").mode()).isEqualTo(0600);
            assertThat(expected.get("ctx/private").mode()).isEqualTo(0750);
            assertThat(expected.get("ctx/hostname").link()).isEqualTo("/etc/hostname");
            assertThat(withoutTimes(fromDaemonless)).isEqualTo(withoutTimes(expected));
            assertThat(withoutTimes(fromEngine)).isEqualTo(withoutTimes(expected));
            // docker export flattens the container's files, where the vfs driver has made the link a copy: read the layer itself
            // the first name in path order keeps the bytes, as in Docker's lexical walk
            assertThat(layerEntries(tools, daemonless, dir).get("ctx/data.bin"))
                    .satisfies(link -> assertThat(link.type()).isEqualTo('1'), link -> assertThat(link.link()).isEqualTo("ctx/data-link.bin"));
            assertThat(fromEngine.get("ctx/key").mtime()).as("the context carries each file's time").isEqualTo(KEY_MTIME)
                    .isEqualTo(expected.get("ctx/key").mtime());
        } finally {
            engine.docker(config, "rmi", "--force", reference, daemonless, engineBuilt);
        }
    }

    @Test
    void engineBuilder_aRunStepSeesThePrivateKeysModeAndTime(TestTools tools, @OpenRegistry TestRegistry open, TestDockerEngine engine,
            @TempDir Path dir) throws Exception {
        Path context = parityContext(dir, tools, "FROM scratch", "COPY busybox /bin/busybox", "COPY key /key",
                "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox test $(/bin/busybox stat -c %a /key) = 600"
                        + " && /bin/busybox test $(/bin/busybox stat -c %Y /key) = " + KEY_MTIME + "\"]");
        String tag = "parity/run-" + Contexts.suffix() + ":1";
        try (Registry registry = Registry.builder().host(open.host()).allowInsecureLoopback(true).build()) {
            registry.build(context).builder(DockerEngineBuilder.on(DockerHost.unixSocket(engine.socket())).pushMode(PushMode.EXPORT))
                    .tag(tag).push();   // a RUN that exits non-zero fails the build
        } finally {
            engine.docker(dir.resolve("cfg"), "rmi", "--force", open.host() + "/" + tag);
        }
    }

    /**
     * A context with what Docker keeps and a naive copy loses: a 0600 key, a 0750 folder, a
     * group-writable file, a hard link, two names that differ only in bytes that are not UTF-8,
     * and an absolute symbolic link.
     */
    private static Path parityContext(Path dir, TestTools tools, String... dockerfile) throws IOException {
        Path context = Contexts.withDockerfile(dir, tools, dockerfile);
        Files.writeString(context.resolve("key"), "-----BEGIN PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(context.resolve("key"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(context.resolve("key"), FileTime.from(java.time.Instant.ofEpochSecond(KEY_MTIME)));
        Path secret = Files.createDirectories(context.resolve("private"));
        Files.writeString(secret.resolve("notes"), "team only\n");
        Files.setPosixFilePermissions(secret.resolve("notes"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(context.resolve("shared.txt"), "group writes here\n");
        Files.setPosixFilePermissions(context.resolve("shared.txt"), PosixFilePermissions.fromString("rw-rw-r--"));
        Files.write(context.resolve("data.bin"), new byte[4096]);
        Files.createLink(context.resolve("data-link.bin"), context.resolve("data.bin"));
        Files.createSymbolicLink(context.resolve("hostname"), Path.of("/etc/hostname"));
        Commands.run("sh", "-c", "cd '" + context + "' && printf x > \"$(printf 'name-\\377')\" && printf y > \"$(printf 'name-\\376')\"")
                .assertSuccess();
        return context;
    }

    private static String pulled(TestDockerEngine engine, Path config, String image) {
        engine.docker(config, "pull", "-q", image).assertSuccess();
        return image;
    }

    private static Path export(TestDockerEngine engine, Path config, String image, Path dir) {
        String container = engine.docker(config, "create", image, "/nothing").assertSuccess().stdout().trim();
        try {
            Path tar = dir.resolve("export-" + container.substring(0, 12) + ".tar");
            engine.docker(config, "export", "-o", tar.toString(), container).assertSuccess();
            return tar;
        } finally {
            engine.docker(config, "rm", container);
        }
    }

    /** The entries of every layer of {@code image}, read with skopeo straight from the registry. */
    private static Map<String, TarListing.Entry> layerEntries(TestTools tools, String image, Path dir) throws IOException {
        Path copy = dir.resolve("skopeo-" + Contexts.suffix());
        Commands.run(tools.skopeo().toString(), "copy", "--src-tls-verify=false", "docker://" + image, "dir:" + copy).assertSuccess();
        Map<String, TarListing.Entry> entries = new LinkedHashMap<>();
        try (var files = Files.list(copy)) {
            for (Path blob : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).toList()) {
                Path tar = dir.resolve(blob.getFileName() + ".tar");
                try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(blob))) {
                    Files.copy(in, tar);
                } catch (java.util.zip.ZipException notGzip) {
                    continue;   // the config
                }
                entries.putAll(TarListing.read(tar));
            }
        }
        return entries;
    }

    private static Map<String, TarListing.Entry> underCtx(Path tar) throws IOException {
        Map<String, TarListing.Entry> all = TarListing.read(tar);
        Map<String, TarListing.Entry> ctx = new LinkedHashMap<>();
        all.forEach((name, entry) -> {
            if (name.startsWith("ctx/") || name.equals("ctx")) {
                ctx.put(name, entry);
            }
        });
        return ctx;
    }

    private static Map<String, String> withoutTimes(Map<String, TarListing.Entry> entries) {
        Map<String, String> listing = new LinkedHashMap<>();
        entries.forEach((name, entry) -> listing.put(name, entry.withoutTime()));
        return listing;
    }
}
