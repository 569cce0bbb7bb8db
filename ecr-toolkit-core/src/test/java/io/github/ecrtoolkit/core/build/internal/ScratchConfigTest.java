package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.image.Platform;

/**
 * An image set in code on scratch writes its config without a JSON library, byte for byte what
 * Jackson writes for the same settings: the digest of an image does not depend on which wrote it.
 */
class ScratchConfigTest {

    @Test
    void everySetting_writesJacksonsBytes(@TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("a.txt", "a"), "COPY a.txt /");
        NewLayer other = TestLayers.layer(Files.createDirectories(dir.resolve("o")), Map.of("b.txt", "b"), "COPY b.txt /");
        List<UnaryOperator<ProgrammaticImage.Builder>> variants = List.of(
                b -> b,
                b -> b.entrypoint(List.of("java", "-jar", "/app/app.jar")),
                b -> b.entrypoint(List.of()),
                b -> b.cmd(List.of("x", "a \"b\"")),
                b -> b.entrypoint(List.of("sh", "-c")).cmd(List.of("echo hi")),
                b -> b.env("A", "1").env("B", "").env("C", "x=y\n€"),
                b -> b.user("1000:1000"),
                b -> b.workingDirectory("/w"),
                b -> b.exposedPort("8080").exposedPort("53/udp").exposedPort(8080 + ""),
                b -> b.label("k", "v").label("org.opencontainers.image.source", "https://example.com/\u0001"),
                b -> b.platform(Platform.parse("linux/arm64")),
                b -> b.platform(Platform.parse("linux/arm/v7")),
                b -> b.entrypoint(List.of("e")).cmd(List.of("c")).env("TZ", "UTC").user("u").workingDirectory("/app")
                        .exposedPort("8080").label("team", "orders").platform(Platform.parse("linux/arm64/v8")));
        for (UnaryOperator<ProgrammaticImage.Builder> variant : variants) {
            ProgrammaticImage image = variant.apply(ProgrammaticImage.builder()).build();
            for (List<NewLayer> layers : List.of(List.<NewLayer>of(), List.of(layer), List.of(layer, other))) {
                List<ImageAssembler.History> history = new java.util.ArrayList<>();
                layers.forEach(l -> history.add(new ImageAssembler.History("COPY " + l.digest().hex() + " /a # ecr-toolkit", false)));
                history.add(new ImageAssembler.History("ENV \"quoted\" \\ tab\t é 😀 # ecr-toolkit", true));
                for (Instant created : List.of(Instant.EPOCH, Instant.parse("2026-11-29T10:00:00.123Z"))) {
                    assertThat(new String(image.scratchConfig(layers, history, created), java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo(new String(image.scratchConfigWithJackson(layers, history, created),
                                    java.nio.charset.StandardCharsets.UTF_8));
                    assertThat(image.scratchConfig(layers, history, created))
                            .isEqualTo(image.scratchConfigWithJackson(layers, history, created));
                }
            }
        }
    }
}
