package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.RegistryCredentials;

class PushCommandTest {

    @Test
    void credentials_fromEnvironment_thenDockerConfig_elseAnonymous(@TempDir Path dir) throws Exception {
        assertThat(PushCommand.credentials("r:5000", Map.of("REGISTRY_USERNAME", "u", "REGISTRY_PASSWORD", "p")))
                .isEqualTo(RegistryCredentials.basic("u", "p"));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"r:5000\":{\"auth\":\"ZG9jazpwdw==\"}}}");
        assertThat(PushCommand.credentials("r:5000", Map.of("DOCKER_CONFIG", dir.toString()))).isEqualTo(RegistryCredentials.basic("dock", "pw"));
        assertThat(PushCommand.credentials("other:1", Map.of("DOCKER_CONFIG", dir.toString()))).isEqualTo(RegistryCredentials.anonymous());
    }

    @Test
    void run_withoutImage_orWithUnknownOption_printsUsageAndExits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new PushCommand(Map.of()).run(new String[] {"--context", "."}, out, errStream)).isEqualTo(2);
        assertThat(new PushCommand(Map.of()).run(new String[] {"--bogus"}, out, errStream)).isEqualTo(2);
        assertThat(new PushCommand(Map.of()).run(new String[] {"--image"}, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: push");
    }

    @Test
    void run_withBadReference_orRegistrylessImage_failsClearly(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new PushCommand(Map.of()).run(new String[] {"--context", dir.toString(), "--image", "Bad Ref"}, out, errStream)).isEqualTo(1);
        assertThat(new PushCommand(Map.of()).run(new String[] {"--context", dir.toString(), "--image", "app:1"}, out, errStream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid").contains("names no registry");
    }
}
