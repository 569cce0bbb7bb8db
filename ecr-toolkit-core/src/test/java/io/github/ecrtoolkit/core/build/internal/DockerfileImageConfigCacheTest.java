package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.layer.compress.Compression;

/** A Dockerfile's scratch image config kept in the layer cache: the same bytes as without it, never stale. */
class DockerfileImageConfigCacheTest {

    @TempDir
    Path dir;

    private Path context(String dockerfile) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        if (!Files.exists(context.resolve("a.txt"))) {
            Files.writeString(context.resolve("a.txt"), "v1");
        }
        return context;
    }

    private AssembledImage assemble(Path context, Optional<LayerCache> cache, String... buildArg) {
        BuildRequest.Builder request = BuildRequest.builder(context).tag(ImageReference.parse("127.0.0.1:5000/app:1"));
        if (buildArg.length == 2) {
            request.buildArg(buildArg[0], buildArg[1]);
        }
        try (Assembly assembly = DockerfileImage.assemble(request.build(), host -> {
            throw new AssertionError("a scratch image needs no registry");
        }, ProgressListener.NONE, new LayerSettings(Compression.gzip(), cache))) {
            return assembly.image();
        }
    }

    private static String config(AssembledImage image) {
        return new String(image.configBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void fromTheCache_theSameBytesAsWithout_andNeverStale() throws Exception {
        Path context = context("FROM scratch\nARG V=1\nCOPY a.txt /a.txt\nENV A=$V\nCMD [\"/a.txt\"]\n");
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        AssembledImage uncached = assemble(context, Optional.empty());
        AssembledImage first = assemble(context, Optional.of(cache));
        AssembledImage second = assemble(context, Optional.of(cache));
        try (var entries = Files.list(cache.root().resolve("v1/configs"))) {
            assertThat(entries.count()).isEqualTo(1);
        }
        assertThat(first.configBytes()).isEqualTo(uncached.configBytes());
        assertThat(second.configBytes()).isEqualTo(uncached.configBytes());
        assertThat(second.digest()).isEqualTo(uncached.digest());

        assertThat(config(assemble(context, Optional.of(cache), "V", "2"))).contains("\"A=2\"");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG V=1\nCOPY a.txt /a.txt\nENV A=3\nCMD [\"/a.txt\"]\n");
        assertThat(config(assemble(context, Optional.of(cache)))).contains("\"A=3\"");
        Files.writeString(context.resolve("a.txt"), "v2, longer");
        AssembledImage changed = assemble(context, Optional.of(cache));
        assertThat(changed.digest()).isNotEqualTo(second.digest());
        assertThat(changed.configBytes()).isEqualTo(assemble(context, Optional.empty()).configBytes());
    }
}
