package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** The README's main command, run in-process against the real Basic-auth registry, checked with Docker. */
@ExtendWith(TestServices.class)
class PushCommandIT {

    private static Path sampleApp(Path dir, TestTools tools) throws Exception {
        Path context = Files.createDirectories(dir.resolve("sample-app"));
        Path source = Path.of("sample-app");
        try (var files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = context.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.copy(tools.busybox(), context.resolve("busybox"));
        return context;
    }

    @Test
    void push_sampleApp_printsPushedRefAtDigestLast_andTheImageRuns(TestRegistry registry, TestTools tools, TestDockerEngine engine,
                                                                    @TempDir Path dir) throws Exception {
        String ref = registry.host() + "/examples/sample-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PushCommandTest.push(Map.of("REGISTRY_USERNAME", registry.username().orElseThrow(),
                "REGISTRY_PASSWORD", registry.password().orElseThrow()), new String[] {"--context", sampleApp(dir, tools).toString(), "--image", ref, "--insecure-registry"},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String stdout = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String last = stdout.lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches("pushed " + java.util.regex.Pattern.quote(ref) + "@sha256:[0-9a-f]{64}");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(registry.password().orElseThrow());

        Path config = Files.createDirectories(dir.resolve("docker-config"));
        engine.docker(config, "login", "-u", registry.username().orElseThrow(), "-p", registry.password().orElseThrow(), registry.host())
                .assertSuccess();
        try {
            engine.docker(config, "pull", "-q", ref).assertSuccess();
            assertThat(engine.docker(config, "run", "--rm", ref).assertSuccess().stdout().trim()).isEqualTo("hello from ecr-toolkit");
        } finally {
            engine.docker(config, "rmi", "--force", ref);
        }
    }

    @Test
    void push_withAWrongPassword_failsWithoutPrintingIt(TestRegistry registry, TestTools tools, @TempDir Path dir) throws Exception {
        String secret = "not-the-password-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PushCommandTest.push(Map.of("REGISTRY_USERNAME", "AWS", "REGISTRY_PASSWORD", secret), new String[] {"--context", sampleApp(dir, tools).toString(), "--image", registry.host() + "/examples/denied:1",
                        "--insecure-registry"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the credentials").doesNotContain(secret)
                .doesNotContain("\tat ").doesNotContain("\n\nerror:").containsPattern("(?m)^error: registry ");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    }
}
