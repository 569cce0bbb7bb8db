package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

@ExtendWith(TestServices.class)
class PushStepsIT {

    @Test
    void push_thenAgain_uploadsOnceAndSkopeoReadsTheSameDigest(TestRegistry registry, TestTools tools, @TempDir Path dir) throws Exception {
        NewLayer layer = TestLayers.layer(dir, Map.of("hello.txt", "hello " + UUID.randomUUID()), "COPY hello.txt /");
        AssembledImage image = ImageAssembler.assemble(Optional.empty(), Platform.DEFAULT, List.of(layer),
                c -> {
                    c.putArray("Cmd").add("/hello.txt");
                    return c;
                }, List.of(new ImageAssembler.History("COPY hello.txt /", false), new ImageAssembler.History("CMD", true)),
                Optional.empty(), Instant.EPOCH);
        ImageReference tag = ImageReference.parse(registry.host() + "/pusher/it-" + UUID.randomUUID().toString().substring(0, 8) + ":1");
        try (Registry target = Registry.builder().host(registry.host()).allowInsecureLoopback(true).credentials(
                RegistryCredentials.basic(registry.username().orElseThrow(), registry.password().orElseThrow())).build()) {
            RegistrySession session = RegistrySession.of(target);
            PushResult first;
            try (PushSteps steps = new PushSteps(session, List.of(tag), ProgressListener.NONE)) {
                first = steps.push(image);
            }
            PushResult second;
            try (PushSteps steps = new PushSteps(session, List.of(tag), ProgressListener.NONE)) {
                second = steps.push(image);
            }

            assertThat(first.layers()).extracting(l -> l.status()).containsExactly(LayerPushStatus.PUSHED);
            assertThat(second.layers()).extracting(l -> l.status()).containsExactly(LayerPushStatus.ALREADY_PRESENT);
            assertThat(second.digest()).isEqualTo(first.digest());
            String inspect = Commands.run(tools.skopeo().toString(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "--creds", registry.username().orElseThrow() + ":" + registry.password().orElseThrow(), "docker://" + tag).assertSuccess().stdout();
            assertThat(inspect.trim()).isEqualTo(first.digest().toString());
        }
    }
}
