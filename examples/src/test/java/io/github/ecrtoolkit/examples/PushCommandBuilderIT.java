package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** {@code push --builder docker|daemonless}, and the default choice, against the real registry and engine. */
@ExtendWith(TestServices.class)
class PushCommandBuilderIT {

    @TempDir
    Path dir;

    private Path contextWithRun(TestTools tools) throws Exception {
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo built-with-run > /out\"]",
                "CMD [\"/bin/busybox\",\"cat\",\"/out\"]", ""));
        return context;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run push(TestRegistry registry, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PushCommandTest.push(Map.of("REGISTRY_USERNAME", registry.username().orElseThrow(),
                "REGISTRY_PASSWORD", registry.password().orElseThrow()), args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void push_withBuilderDocker_buildsTheRunStepOnTheEngine(TestRegistry registry, TestTools tools, TestDockerEngine engine)
            throws Exception {
        String ref = registry.host() + "/examples/builder-docker-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path config = Files.createDirectories(dir.resolve("cfg"));
        try {
            Run run = push(registry, "--context", contextWithRun(tools).toString(), "--image", ref, "--insecure-registry",
                    "--builder", "docker");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out().trim()).matches("pushed " + java.util.regex.Pattern.quote(ref) + "@sha256:[0-9a-f]{64}");
            assertThat(run.err()).doesNotContain(registry.password().orElseThrow());
            assertThat(engine.docker(config, "run", "--rm", ref).assertSuccess().stdout().trim()).isEqualTo("built-with-run");
        } finally {
            engine.docker(config, "rmi", "--force", ref);
        }
    }

    @Test
    void push_withoutBuilder_andARunStep_picksTheEngine(TestRegistry registry, TestTools tools, TestDockerEngine engine)
            throws Exception {
        String ref = registry.host() + "/examples/builder-default-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        try {
            Run run = push(registry, "--context", contextWithRun(tools).toString(), "--image", ref, "--insecure-registry");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err()).contains("Step 3/4 : RUN");
        } finally {
            engine.docker(dir.resolve("cfg"), "rmi", "--force", ref);
        }
    }

    @Test
    void push_withBuilderDaemonless_andARunStep_failsNamingTheLine(TestRegistry registry, TestTools tools) throws Exception {
        Run run = push(registry, "--context", contextWithRun(tools).toString(), "--image", registry.host() + "/examples/x:1",
                "--insecure-registry", "--builder", "daemonless");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("daemonless", "Dockerfile:3: RUN").doesNotContain("\tat ");
    }

    @Test
    void push_withAnUnknownBuilder_isAUsageError(TestRegistry registry) throws Exception {
        Run run = push(registry, "--context", dir.toString(), "--image", registry.host() + "/examples/x:1", "--builder", "podman");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--builder podman is unknown; use docker or daemonless").doesNotContain("\tat ");
    }

    @Test
    void push_withARunStep_andNoEngineReachable_saysWhereItLooked(TestRegistry registry, TestTools tools) throws Exception {
        Path jar = Path.of("target/ecr-toolkit-examples.jar");
        assertThat(jar).as("built by the package phase before integration tests").exists();
        Path nowhere = dir.resolve("no-engine.sock");
        ProcessBuilder process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "push", "--context", contextWithRun(tools).toString(),
                "--image", registry.host() + "/examples/no-engine:1", "--insecure-registry")).redirectErrorStream(true);
        process.environment().put("DOCKER_HOST", "unix://" + nowhere);
        process.environment().put("REGISTRY_USERNAME", "AWS");
        process.environment().put("REGISTRY_PASSWORD", registry.password().orElseThrow());
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(started.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("RUN", "No Docker Engine answered at unix://" + nowhere, "DOCKER_HOST")
                .doesNotContain(registry.password().orElseThrow()).doesNotContain("\tat ");
    }
}
