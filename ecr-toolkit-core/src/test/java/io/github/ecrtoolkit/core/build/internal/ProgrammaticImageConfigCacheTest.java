package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.layer.compress.Compression;

/** The scratch image config kept in the layer cache: same bytes as without it, never stale. */
class ProgrammaticImageConfigCacheTest {

    private static ProgrammaticImage.Builder image(Path app) {
        return ProgrammaticImage.builder().context(app).layer(app.resolve("lib"), "/app/lib").layer(app.resolve("classes"), "/app/classes")
                .entrypoint(List.of("java", "-cp", "/app/classes:/app/lib/*", "Main")).env("A", "1").label("team", "x")
                .exposedPort("8080").user("1000").workingDirectory("/app");
    }

    private static AssembledImage assemble(ProgrammaticImage.Builder image, Path work, Optional<LayerCache> cache) throws Exception {
        Path dir = Files.createTempDirectory(work, "ws");
        return image.build().assemble(host -> {
            throw new AssertionError("a scratch image needs no registry");
        }, dir, ProgressListener.NONE, new LayerSettings(Compression.gzip(), cache));
    }

    private static Path app(Path dir) throws Exception {
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("lib"));
        Files.createDirectories(app.resolve("classes"));
        Files.writeString(app.resolve("lib/a.jar"), "jar");
        Files.writeString(app.resolve("classes/Main.class"), "class v1");
        return app;
    }

    @Test
    void assemble_fromCachedConfig_givesTheSameBytesAndDigestAsWithoutTheCache(@TempDir Path dir) throws Exception {
        Path app = app(dir);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        AssembledImage uncached = assemble(image(app), dir, Optional.empty());
        AssembledImage first = assemble(image(app), dir, Optional.of(cache));   // computes and stores the config
        try (var entries = Files.list(cache.root().resolve("v1/configs"))) {
            assertThat(entries.count()).isEqualTo(1);
        }
        AssembledImage second = assemble(image(app), dir, Optional.of(cache));  // takes it from the cache
        for (AssembledImage image : List.of(first, second)) {
            assertThat(image.configBytes()).isEqualTo(uncached.configBytes());
            assertThat(image.manifestBytes()).isEqualTo(uncached.manifestBytes());
            assertThat(image.digest()).isEqualTo(uncached.digest());
            assertThat(image.layers()).extracting(BlobToPush::descriptor)
                    .isEqualTo(uncached.layers().stream().map(BlobToPush::descriptor).toList());
        }
    }

    @Test
    void assemble_afterAFileChanges_doesNotReuseTheOldConfig(@TempDir Path dir) throws Exception {
        Path app = app(dir);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        AssembledImage before = assemble(image(app), dir, Optional.of(cache));
        Files.writeString(app.resolve("classes/Main.class"), "class v2, longer");
        AssembledImage after = assemble(image(app), dir, Optional.of(cache));
        assertThat(after.digest()).isNotEqualTo(before.digest());
        assertThat(after.configBytes()).isEqualTo(assemble(image(app), dir, Optional.empty()).configBytes());
    }

    @Test
    void assemble_withAnotherSetting_doesNotReuseTheOldConfig(@TempDir Path dir) throws Exception {
        Path app = app(dir);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        assemble(image(app), dir, Optional.of(cache));
        AssembledImage other = assemble(image(app).env("A", "2"), dir, Optional.of(cache));
        assertThat(other.configBytes()).isEqualTo(assemble(image(app).env("A", "2"), dir, Optional.empty()).configBytes());
        assertThat(new String(other.configBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"A=2\"");
    }

    @Test
    void configKey_changesWithEverySettingTheConfigIsMadeFrom(@TempDir Path dir) throws Exception {
        Path app = app(dir);
        NewLayer layer = TestLayers.layer(dir, java.util.Map.of("a.txt", "a"), "COPY a.txt /");
        NewLayer other = TestLayers.layer(Files.createDirectories(dir.resolve("o")), java.util.Map.of("a.txt", "b"), "COPY a.txt /");
        List<ImageAssembler.History> history = List.of(new ImageAssembler.History("COPY a", false));
        List<UnaryOperator<ProgrammaticImage.Builder>> variants = List.of(
                b -> b,
                b -> b.entrypoint(List.of("a, b")),
                b -> b.entrypoint(List.of("a", "b")),
                b -> b.cmd(List.of("x")),
                b -> b.cmd(List.of()),
                b -> b.env("A", "1"),
                b -> b.env("A", "2"),
                b -> b.env("A=", "1".substring(1)).env("B", ""),
                b -> b.user("1000"),
                b -> b.workingDirectory("/w"),
                b -> b.exposedPort("8080"),
                b -> b.exposedPort("8081"),
                b -> b.label("k", "v"),
                b -> b.platform(Platform.parse("linux/arm64")),
                b -> b.platform(Platform.parse("linux/arm64/v8")));
        Set<String> keys = new HashSet<>();
        int tried = 0;
        for (UnaryOperator<ProgrammaticImage.Builder> variant : variants) {
            ProgrammaticImage.Builder b;
            try {
                b = variant.apply(ProgrammaticImage.builder().context(app));
            } catch (IllegalArgumentException refused) {
                continue; // an invalid name ("A=") is refused before any key is made
            }
            keys.add(b.build().configKey(List.of(layer), history, Instant.EPOCH).hex());
            tried++;
        }
        ProgrammaticImage plain = ProgrammaticImage.builder().context(app).build();
        keys.add(plain.configKey(List.of(other), history, Instant.EPOCH).hex());
        keys.add(plain.configKey(List.of(layer), List.of(new ImageAssembler.History("COPY b", false)), Instant.EPOCH).hex());
        keys.add(plain.configKey(List.of(layer), history, Instant.ofEpochSecond(1)).hex());
        assertThat(keys).hasSize(tried + 3).allMatch(k -> k.matches("[0-9a-f]{64}"));
        assertThat(plain.configKey(List.of(layer), history, Instant.EPOCH).hex()).isIn(keys);
        assertThat(Digest.parse("sha256:" + keys.iterator().next())).isNotNull();
    }
}
