package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;

/** Mistakes a first push meets, against the real registry: each fails at once with the fix, no stack trace. */
@ExtendWith(TestServices.class)
class PushCommandNetworkIT {

    private record Run(int code, String out, String err, Duration took) {
    }

    private static Run push(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = PushCommandTest.push(env, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Path context(Path dir) throws Exception {
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(context.resolve("hello.txt"), "hello");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        return context;
    }

    private static String ref(TestRegistry registry) {
        return registry.host() + "/examples/first-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    }

    @Test
    void plainHttpRegistry_withoutInsecureRegistry_failsAtOnce_namingTheOption(TestRegistry registry, @TempDir Path dir)
            throws Exception {
        Run run = push(Map.of("REGISTRY_USERNAME", registry.username().orElseThrow(),
                "REGISTRY_PASSWORD", registry.password().orElseThrow()), "--context", context(dir).toString(), "--image", ref(registry));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("error: ").contains("--insecure-registry").doesNotContain("\tat ")
                .doesNotContain("gave up after");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anonymousPush_refused_namesTheWaysToLogIn(TestRegistry registry, @TempDir Path dir) throws Exception {
        Run run = push(Map.of("DOCKER_CONFIG", dir.resolve("no-docker-config").toString()), "--context", context(dir).toString(),
                "--image", ref(registry), "--insecure-registry");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("REGISTRY_USERNAME").contains("REGISTRY_PASSWORD").contains("docker login")
                .doesNotContain("\tat ");
    }
}
