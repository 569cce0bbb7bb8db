package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;

/** {@code docker login --password-stdin} into a private config folder, the password never on a command line. */
final class CliLogin {

    private CliLogin() {
    }

    static void login(TestDockerEngine cli, Path config, TestRegistry registry) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("docker", "--host", cli.dockerHost(), "--config", config.toString(), "login",
                "--username", registry.username().orElseThrow(), "--password-stdin", registry.host())
                .redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(registry.password().orElseThrow().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
