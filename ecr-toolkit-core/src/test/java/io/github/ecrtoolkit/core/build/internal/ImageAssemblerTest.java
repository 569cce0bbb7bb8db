package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;

class ImageAssemblerTest {

    private static AssembledImage assemble(NewLayer layer) {
        return ImageAssembler.assemble(Optional.empty(), Platform.parse("linux/arm64"), List.of(layer), c -> {
            c.putArray("Cmd").add("/a.txt");
            return c;
        }, List.of(new ImageAssembler.History("COPY a.txt /", false), new ImageAssembler.History("CMD", true)), Optional.empty(),
                Instant.EPOCH);
    }

    @Test
    void assemble_sameInput_sameDigest_withFixedCreatedTimeAndPlatform(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        AssembledImage first = assemble(layer);
        AssembledImage second = assemble(layer);
        assertThat(second.digest()).isEqualTo(first.digest());
        var config = ImageJson.readConfig(first.configBytes());
        assertThat(config.path("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(config.path("architecture").asText()).isEqualTo("arm64");
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(layer.diffId().toString());
        assertThat(config.path("history")).hasSize(2);
        assertThat(first.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(first.manifest().layers().get(0).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    }
}
