package io.github.ecrtoolkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.core.LayerPushResult;
import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.layer.compress.Compression;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The layer cache, parallel compression and early uploads against the real registry and Docker Engine. */
@ExtendWith(TestServices.class)
class FastPushIT {

    @TempDir
    Path dir;

    private static Registry registry(TestRegistry r) {
        return Registry.builder().host(r.host())
                .credentials(r.requiresAuth() ? RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow())
                        : RegistryCredentials.anonymous())
                .allowInsecureLoopback(true).build();
    }

    private static String repository() {
        return "fast/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An app folder: the busybox binary, a megabyte of random bytes (stored, not deflated) and some text. */
    private Path app(TestTools tools) throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.createDirectories(app.resolve("bin"));
        Files.copy(tools.busybox(), app.resolve("bin/busybox"));
        byte[] random = new byte[3 << 20];
        new Random(5).nextBytes(random);
        Files.createDirectories(app.resolve("data"));
        Files.write(app.resolve("data/random.bin"), random);
        Files.writeString(app.resolve("data/notes.txt"), "layer cache ".repeat(20_000));
        return app;
    }

    private static PushResult push(Registry registry, Path app, LayerCache cache, Compression compression, String ref) {
        return registry.build(app)
                .layer(app.resolve("bin"), "/bin")
                .layer(app.resolve("data"), "/data")
                .entrypoint("/bin/busybox", "md5sum", "/data/random.bin")
                .compression(compression)
                .layerCache(cache)
                .tag(ref)
                .push();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void unchangedFolder_secondPush_writesNoLayer_uploadsNothing_andGivesTheSameDigest(TestRegistry r, TestTools tools)
            throws Exception {
        Path app = app(tools);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        String repo = repository();
        try (Registry registry = registry(r)) {
            PushResult first = push(registry, app, cache, Compression.gzip(), repo + ":1");
            List<Path> cached = files(cache.root());
            List<Long> times = new ArrayList<>();
            for (Path p : cached) {
                times.add(Files.getLastModifiedTime(p).toMillis());
            }
            PushResult second = push(registry, app, cache, Compression.gzip(), repo + ":2");

            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.layers()).extracting(LayerPushResult::status).containsOnly(LayerPushStatus.ALREADY_PRESENT);
            assertThat(files(cache.root())).as("no layer written again").isEqualTo(cached);
            for (int i = 0; i < cached.size(); i++) {
                assertThat(Files.getLastModifiedTime(cached.get(i)).toMillis()).isEqualTo(times.get(i));
            }
        }
    }

    @Test
    void oneChangedFile_rebuildsAndUploadsOnlyItsLayer(TestRegistry r, TestTools tools) throws Exception {
        Path app = app(tools);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        String repo = repository();
        try (Registry registry = registry(r)) {
            PushResult first = push(registry, app, cache, Compression.gzip(), repo + ":1");
            Files.writeString(app.resolve("data/notes.txt"), "changed ".repeat(20_000));
            PushResult second = push(registry, app, cache, Compression.gzip(), repo + ":2");

            assertThat(second.layers().get(0).digest()).isEqualTo(first.layers().get(0).digest());
            assertThat(second.layers().get(0).status()).isEqualTo(LayerPushStatus.ALREADY_PRESENT);
            assertThat(second.layers().get(1).digest()).isNotEqualTo(first.layers().get(1).digest());
            assertThat(second.layers().get(1).status()).isEqualTo(LayerPushStatus.PUSHED);
        }
    }

    @Test
    void sameFolder_withoutCacheAndWithCache_givesTheSameDigest(TestRegistry r, TestTools tools) throws Exception {
        Path app = app(tools);
        String repo = repository();
        try (Registry registry = registry(r)) {
            PushResult cached = push(registry, app, LayerCache.at(dir.resolve("cache")), Compression.gzip(), repo + ":1");
            PushResult fresh = registry.build(app)
                    .layer(app.resolve("bin"), "/bin")
                    .layer(app.resolve("data"), "/data")
                    .entrypoint("/bin/busybox", "md5sum", "/data/random.bin")
                    .noLayerCache()
                    .tag(repo + ":2")
                    .push();
            assertThat(fresh.digest()).isEqualTo(cached.digest());
        }
    }

    @Test
    void parallelGzipImage_withStoredChunks_runsWithDocker(TestRegistry r, TestTools tools, TestDockerEngine engine)
            throws Exception {
        Path app = app(tools);
        String ref;
        try (Registry registry = registry(r)) {
            ref = push(registry, app, LayerCache.at(dir.resolve("cache")), Compression.gzip(), repository() + ":run")
                    .imageUri();
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(app.resolve("data/random.bin"))));
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        if (r.requiresAuth()) {
            engine.docker(config, "login", "-u", r.username().orElseThrow(), "-p", r.password().orElseThrow(), r.host())
                    .assertSuccess();
        }
        try {
            engine.docker(config, "pull", "-q", ref).assertSuccess();
            assertThat(engine.docker(config, "run", "--rm", ref).assertSuccess().stdout()).startsWith(expected);
        } finally {
            engine.docker(config, "rmi", "--force", ref);
        }
    }

    @Test
    void zstdImage_declaresZstdLayers_thatDecompress(TestRegistry r, TestTools tools) throws Exception {
        Path app = app(tools);
        String ref = r.host() + "/" + repository() + ":zstd";
        try (Registry registry = registry(r)) {
            push(registry, app, LayerCache.at(dir.resolve("cache")), Compression.zstd(), ref);
        }
        List<String> inspect = new ArrayList<>(List.of(tools.skopeo().toString(), "inspect", "--raw", "--tls-verify=false"));
        r.username().ifPresent(u -> inspect.addAll(List.of("--creds", u + ":" + r.password().orElseThrow())));
        inspect.add("docker://" + ref);
        String manifest = Commands.run(Duration.ofMinutes(2), inspect).assertSuccess().stdout();
        assertThat(manifest).contains("application/vnd.oci.image.layer.v1.tar+zstd").doesNotContain("tar+gzip");

        List<String> copy = new ArrayList<>(List.of(tools.skopeo().toString(), "copy", "--src-tls-verify=false"));
        r.username().ifPresent(u -> copy.addAll(List.of("--src-creds", u + ":" + r.password().orElseThrow())));
        copy.addAll(List.of("docker://" + ref, "oci:" + dir.resolve("layout") + ":x"));
        Commands.run(Duration.ofMinutes(2), copy).assertSuccess();
        // skopeo verified every digest on the way; the blobs must also be valid zstd frames
        for (Path blob : files(dir.resolve("layout/blobs/sha256"))) {
            byte[] head = new byte[4];
            try (var in = Files.newInputStream(blob)) {
                in.readNBytes(head, 0, 4);
            }
            if ((head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5) {
                Commands.run(Duration.ofMinutes(1), List.of("zstd", "-t", "-q", blob.toString())).assertSuccess();
            }
        }
    }
}
