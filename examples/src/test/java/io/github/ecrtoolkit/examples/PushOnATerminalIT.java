package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * The jar's {@code push} on a real pseudo-terminal ({@code script} from util-linux gives the
 * process one): live lines redrawn in place, labelled by instruction in Dockerfile order, with
 * the total known in the first frame.
 */
@ExtendWith(TestServices.class)
class PushOnATerminalIT {

    private static final Pattern TOTAL = Pattern.compile("\\] +\\d+%  [0-9.]+ of ([0-9.]+ MiB)  \\d+/(\\d+) layers");

    @Test
    void push_onATerminal_drawsLayerLinesInDockerfileOrder_withTheTotalUpFront(TestRegistry registry, TestTools tools,
                                                                             @TempDir Path dir) throws Exception {
        Path jar = Path.of("target/ecr-toolkit-examples.jar");
        assertThat(jar).as("built by the package phase before integration tests").exists();
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "COPY www/ /www/",
                "COPY hello.sh /app/hello.sh",
                "ENTRYPOINT [\"/bin/busybox\", \"sh\", \"/app/hello.sh\"]", ""));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.createDirectories(context.resolve("www"));
        Files.writeString(context.resolve("www/index.html"), "<p>hi</p>\n");
        Files.writeString(context.resolve("hello.sh"), "echo hi\n");
        String ref = registry.host() + "/examples/tty-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", java, "-jar", jar.toAbsolutePath().toString(), "push", "--context", context.toString(),
                "--image", ref, "--insecure-registry");

        ProcessBuilder process = new ProcessBuilder(List.of("script", "-q", "-e", "-c", command, "/dev/null"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        process.environment().put("REGISTRY_USERNAME", registry.username().orElseThrow());
        process.environment().put("REGISTRY_PASSWORD", registry.password().orElseThrow());
        process.environment().put("TERM", "xterm");
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(started.exitValue()).as(output).isZero();
        assertThat(output).contains("\u001b[").contains("pushed " + ref + "@sha256:")
                .doesNotContain(registry.password().orElseThrow());
        int busybox = output.indexOf("[1/3] COPY busybox /bin/busybox");
        int www = output.indexOf("[2/3] COPY www/ /www/");
        int hello = output.indexOf("[3/3] COPY hello.sh /app/hello.sh");
        assertThat(busybox).as(output).isNotNegative().isLessThan(www);
        assertThat(www).isLessThan(hello);
        Matcher totals = TOTAL.matcher(output);
        assertThat(totals.find()).as(output).isTrue();
        String firstTotal = totals.group(1);
        int firstFrameEnd = totals.end();
        assertThat(totals.group(2)).isEqualTo("3");
        String lastTotal = firstTotal;
        while (totals.find()) {
            lastTotal = totals.group(1);
        }
        // the first frame, drawn before any layer is written, already has the whole size
        assertThat(output.substring(0, firstFrameEnd)).doesNotContain("written", "pushed");
        assertThat(firstTotal).isNotEqualTo("0.0 MiB").isEqualTo(lastTotal);
    }
}
