package io.github.ecrtoolkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes pushing the same folder through one cold layer cache, as CI jobs side by side
 * do: every push must succeed and give the same image, whose blobs an independent client (skopeo)
 * reads back and checks against their digests. A blocking file lock used to fail such pushes with
 * {@code EDEADLK} in about half the runs.
 */
@ExtendWith(TestServices.class)
class ConcurrentCacheIT {

    private static final int ROUNDS = 20;
    private static final int LAYERS = 6;

    @TempDir
    Path dir;

    @Test
    void twoToFourProcesses_onOneColdCache_allPushSucceed_withVerifiedBlobs(TestRegistry registry, TestTools tools)
            throws Exception {
        Path context = context(dir.resolve("context"));
        for (int round = 0; round < ROUNDS; round++) {
            int processes = 2 + round % 3;
            Path cache = dir.resolve("cache-" + round);               // cold every round
            // a repository per process and round, so blobs are uploaded every time: the test registry's
            // file storage writes the same manifest non-atomically when several clients PUT it to one
            // repository at once (DIGEST_INVALID), a race of that registry, not of the cache under test
            String roundId = UUID.randomUUID().toString().substring(0, 8);
            List<Process> running = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                running.add(contender(registry, context, cache, registry.host() + "/concurrent/app-" + roundId + "-" + p + ":1"));
            }
            List<String> digests = new ArrayList<>();
            for (Process p : running) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("round %d: a push did not finish", round).isTrue();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(p.exitValue()).as("round %d, %d processes: %s", round, processes, output).isZero();
                digests.add(output.lines().reduce((a, b) -> b).orElse(""));
            }
            assertThat(digests).as("round %d", round).allMatch(d -> d.equals(digests.get(0)) && d.startsWith("sha256:"));
            // skopeo copies every blob of one of them (each round another) and checks each against its digest
            String repository = "concurrent/app-" + roundId + "-" + round % processes;
            Commands.run(Duration.ofMinutes(1), List.of(tools.skopeo().toString(), "copy", "--quiet", "--src-tls-verify=false",
                    "--src-creds", registry.username().orElseThrow() + ":" + registry.password().orElseThrow(),
                    "docker://" + registry.host() + "/" + repository + "@" + digests.get(0),
                    "dir:" + dir.resolve("copy-" + round))).assertSuccess();
            try (Stream<Path> copied = Files.list(dir.resolve("copy-" + round))) {
                assertThat(copied.count()).as("manifest, config, version and %d layers", LAYERS).isEqualTo(LAYERS + 3L);
            }
            assertThat(leftovers(cache.resolve("v1/tmp"))).as("temporary files after round %d", round).isEmpty();
        }
    }

    private static Process contender(TestRegistry registry, Path context, Path cache, String reference) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), ConcurrentPushContender.class.getName(),
                registry.host(), registry.username().orElseThrow(), context.toString(), cache.toString(), reference,
                Integer.toString(LAYERS)).redirectErrorStream(true);
        builder.environment().put("CONTENDER_PASSWORD", registry.password().orElseThrow());
        return builder.start();
    }

    /** Folders part0..part5, each with a few hundred KB to compress, part0 with a runnable file. */
    private static Path context(Path context) throws IOException {
        Random random = new Random(14);
        for (int i = 0; i < LAYERS; i++) {
            Path part = Files.createDirectories(context.resolve("part" + i));
            byte[] noise = new byte[64 * 1024];
            random.nextBytes(noise);
            Files.write(part.resolve("noise.bin"), noise);
            Files.writeString(part.resolve("text.txt"), ("part " + i + " of a layer cache race\n").repeat(8_000));
        }
        Files.writeString(context.resolve("part0/run"), "#!/bin/sh\necho hi\n");
        return context;
    }

    private static List<Path> leftovers(Path tmp) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }
}
