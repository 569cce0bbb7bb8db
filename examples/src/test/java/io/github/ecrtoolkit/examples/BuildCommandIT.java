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
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** {@code build --output tar|oci|docker}: no registry; the results loaded and run by the real engine. */
@ExtendWith(TestServices.class)
class BuildCommandIT {

    @TempDir
    Path dir;

    private Path context(TestTools tools, String message) throws Exception {
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "CMD [\"/bin/busybox\",\"echo\",\"" + message + "\"]", ""));
        return context;
    }

    private static String name(String what) {
        return "ecrtk-cli-" + what + "-" + UUID.randomUUID().toString().substring(0, 8) + ":dev";
    }

    @Test
    void build_outputTar_writesATarballDockerLoadsAndRuns(TestTools tools, TestDockerEngine engine) throws Exception {
        String name = name("tar");
        Path tar = dir.resolve("image.tar");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(new String[] {"build", "--context", context(tools, "from-a-tarball").toString(), "--tag", name,
                "--output", "tar", "--file", tar.toString()}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("wrote " + tar);
        Path config = Files.createDirectories(dir.resolve("cfg"));
        try {
            engine.docker(config, "load", "-i", tar.toString()).assertSuccess();
            assertThat(engine.docker(config, "run", "--rm", name).assertSuccess().stdout().trim()).isEqualTo("from-a-tarball");
        } finally {
            engine.docker(config, "rmi", "--force", name);
        }
    }

    @Test
    void build_outputDocker_loadsIntoTheEngineOfDockerHost(TestTools tools, TestDockerEngine engine) throws Exception {
        Path jar = Path.of("target/ecr-toolkit-examples.jar");
        assertThat(jar).as("built by the package phase before integration tests").exists();
        String name = name("docker");
        ProcessBuilder process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "build", "--context", context(tools, "loaded-by-the-cli").toString(), "--tag", name,
                "--output", "docker"));
        process.environment().put("DOCKER_HOST", "unix://" + engine.socket());
        Process started = process.start();
        String stdout = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(started.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(2, TimeUnit.MINUTES)).isTrue();

        Path config = Files.createDirectories(dir.resolve("cfg"));
        try {
            assertThat(started.exitValue()).as(stderr).isZero();
            assertThat(stdout.trim()).isEqualTo("loaded " + name);
            assertThat(engine.docker(config, "run", "--rm", name).assertSuccess().stdout().trim()).isEqualTo("loaded-by-the-cli");
        } finally {
            engine.docker(config, "rmi", "--force", name);
        }
    }

    @Test
    void build_outputOci_withoutFile_isAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(new String[] {"build", "--context", dir.toString(), "--tag", "app:1", "--output", "oci"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --output oci needs --file PATH").contains("usage: ecr-toolkit build");
    }
}
