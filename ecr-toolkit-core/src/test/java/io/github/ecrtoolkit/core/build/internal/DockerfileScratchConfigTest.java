package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * A Dockerfile's scratch image gets its config without a JSON library, byte for byte what Jackson
 * writes for the same plan — every instruction that changes the config, escapes and all.
 */
class DockerfileScratchConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "FROM scratch\nCOPY a.txt /a.txt\n",
        "FROM scratch\nMAINTAINER Ada \"the\" Lovelace <ada@example.com>\nCOPY a.txt /a.txt\nCMD [\"/a.txt\"]\n",
        "FROM scratch\nARG V=1\nENV A=$V B=\"two words\" C=é😀\nUSER 1000:1000\nWORKDIR /app\nWORKDIR sub\nENTRYPOINT [\"/bin/app\", \"--flag\"]\nCMD serve\n",
        "FROM scratch\nEXPOSE 8080 53/udp 8080/tcp\nVOLUME [\"/data\", \"/cache\"]\nVOLUME /logs\nLABEL z=1 a=\"x y\" m=\"tab\\there\"\nSTOPSIGNAL SIGTERM\n",
        "FROM scratch\nHEALTHCHECK --interval=30s --timeout=5s --start-period=1m --retries=3 CMD [\"/bin/check\"]\n",
        "FROM scratch\nHEALTHCHECK CMD /bin/check --quick\n",
        "FROM scratch\nHEALTHCHECK NONE\nONBUILD COPY . /src\nSHELL [\"/bin/sh\", \"-euc\"]\n",
        "FROM scratch AS base\nENV X=1\nCOPY a.txt /a\nFROM base\nENV Y=2\nCOPY a.txt /b\n"
    })
    void everyConfigInstruction_writesJacksonsBytes(String dockerfile) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("a.txt"), "a");
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        BuildRequest request = BuildRequest.builder(context).tag(ImageReference.parse("127.0.0.1:5000/app:1"))
                .label("built-by", "test \"quoted\"").build();
        BuildPlan plan = DockerfileImage.planner(request).plan(ContainerConfig.empty());
        List<NewLayer> layers = new ArrayList<>();
        for (int i = 0; i < plan.layers().size(); i++) {
            layers.add(TestLayers.layer(dir.resolve("l" + i), Map.of("f" + i, "content " + i), "COPY"));
        }
        List<ImageAssembler.History> history = plan.history().stream()
                .map(h -> new ImageAssembler.History(h.createdBy(), h.emptyLayer())).toList();
        for (Platform platform : List.of(Platform.DEFAULT, Platform.parse("linux/arm64/v8"))) {
            for (Instant created : List.of(Instant.EPOCH, Instant.parse("2026-11-29T10:00:00.5Z"))) {
                byte[] ours = DockerfileImage.scratch(request, plan, platform, layers, history, created).configBytes();
                byte[] jackson = DockerfileImage.withJackson(Optional.empty(), request, plan, platform, layers, history, created)
                        .configBytes();
                assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(jackson, StandardCharsets.UTF_8));
                assertThat(ours).isEqualTo(jackson);
            }
        }
    }
}
