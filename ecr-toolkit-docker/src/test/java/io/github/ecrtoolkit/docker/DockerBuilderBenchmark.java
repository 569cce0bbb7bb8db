package io.github.ecrtoolkit.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.build.PushTarget;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * Build + push of the same Dockerfile to the same Basic-auth registry by the SDK (engine push and
 * export push) and by {@code docker build} + {@code docker push}, alternating in one run; prints
 * medians and ratios for a changed context (new layer to build and upload) and for no change.
 *
 * <pre>
 * java -cp … io.github.ecrtoolkit.docker.DockerBuilderBenchmark [rounds] [payloadMiB]
 * </pre>
 */
public final class DockerBuilderBenchmark {

    private final TestRegistry registry = TestServices.authRegistry();
    private final TestDockerEngine engine = TestServices.dockerEngine();
    private final TestTools tools = TestServices.tools();
    private final Path work;
    private final Path cliConfig;
    private final int payloadMiB;
    private final String suffix = Contexts.suffix();
    /** One client for the whole run, as an application embedding the SDK would share it. */
    private final DockerEngine sdkEngine;

    private DockerBuilderBenchmark(Path work, int payloadMiB) throws Exception {
        this.work = work;
        this.payloadMiB = payloadMiB;
        this.cliConfig = Files.createDirectories(work.resolve("cli-config"));
        CliLogin.login(engine, cliConfig, registry);
        this.sdkEngine = DockerEngine.connect(DockerHost.unixSocket(engine.socket()));
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int payload = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = Files.createTempDirectory("ecrtk-bench-");
        DockerBuilderBenchmark bench = new DockerBuilderBenchmark(work, payload);
        List<String> contenders = List.of("cli", "sdk-engine", "sdk-export");
        Map<String, List<Double>> changed = new LinkedHashMap<>();
        Map<String, List<Double>> unchanged = new LinkedHashMap<>();
        contenders.forEach(c -> {
            changed.put(c, new ArrayList<>());
            unchanged.put(c, new ArrayList<>());
        });
        try {
            bench.measure(rounds, contenders, changed, unchanged);
        } finally {
            bench.removeImages();
        }
        System.out.printf("payload %d MiB random + busybox, %d rounds, medians in ms%n", payload, rounds);
        report("changed context (build new layer + upload)", changed);
        report("no change (cached build, layers already in the registry)", unchanged);
    }

    private void measure(int rounds, List<String> contenders, Map<String, List<Double>> changed,
            Map<String, List<Double>> unchanged) throws Exception {
        DockerBuilderBenchmark bench = this;
        // warm-up: one of each, not counted (JIT, engine caches of the base layer)
        for (String c : contenders) {
            bench.run(c, "warm", true);
        }
        for (int round = 0; round < rounds; round++) {
            // alternate the order each round so neither side always runs on a warmer machine
            List<String> order = new ArrayList<>(contenders);
            java.util.Collections.rotate(order, round);
            for (String c : order) {
                changed.get(c).add(bench.run(c, "r" + round, true));
                unchanged.get(c).add(bench.run(c, "r" + round, false));
            }
        }
    }

    /** Every image of this run (tagged, and the older builds it left untagged), and the shared client. */
    private void removeImages() throws IOException, InterruptedException {
        sdkEngine.close();
        Process list = new ProcessBuilder("docker", "--host", engine.dockerHost(), "images", "--format", "{{.Repository}} {{.ID}}")
                .start();
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        List<String> ids = listing.lines().map(l -> l.split(" ")).filter(f -> f[0].startsWith(registry.host() + "/ecrtk-bench/")
                && f[0].endsWith("-" + suffix)).map(f -> f[1]).distinct().toList();
        if (!ids.isEmpty()) {
            List<String> rmi = new ArrayList<>(List.of("rmi", "--force"));
            rmi.addAll(ids);
            cli(rmi.toArray(String[]::new));
        }
    }

    private static void report(String title, Map<String, List<Double>> times) {
        double cli = median(times.get("cli"));
        System.out.println(title);
        times.forEach((name, values) -> System.out.printf("  %-11s median %7.0f  ratio to cli %.2f  all %s%n", name, median(values),
                median(values) / cli, values.stream().map(v -> String.format("%.0f", v)).toList()));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** One build + push; {@code change} writes new content first so a new layer is built and uploaded. */
    private double run(String contender, String round, boolean change) throws Exception {
        Path context = context(contender);
        if (change) {
            Files.writeString(context.resolve("version.txt"), contender + "-" + round + "-" + System.nanoTime(), StandardCharsets.UTF_8);
            writePayload(context.resolve("payload.bin"), contender + round);
        }
        ImageReference tag = ImageReference.parse(registry.host() + "/ecrtk-bench/" + contender + "-" + suffix + ":latest");
        long start = System.nanoTime();
        switch (contender) {
            case "cli" -> {
                cli("build", "-q", "-t", tag.toString(), context.toString());
                cli("push", tag.toString());
            }
            case "sdk-engine" -> sdk(DockerEngineBuilder.using(sdkEngine), context, tag);
            case "sdk-export" -> sdk(DockerEngineBuilder.using(sdkEngine).pushMode(PushMode.EXPORT), context, tag);
            default -> throw new IllegalArgumentException(contender);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private void sdk(DockerEngineBuilder builder, Path context, ImageReference tag) {
        PushResult result;
        try (Registry target = Registry.builder().host(registry.host()).credentials(DockerEngineIT.credentials(registry))
                .allowInsecureLoopback(true).build()) {
            result = builder.buildAndPush(BuildRequest.builder(context).tag(tag).build(), PushTarget.of(target, null));
        }
        if (result.layers().isEmpty()) {
            throw new IllegalStateException("nothing pushed");
        }
    }

    private Path context(String contender) throws IOException {
        Path context = work.resolve("ctx-" + contender);
        if (!Files.exists(context)) {
            Files.createDirectories(context);
            Files.copy(tools.busybox(), context.resolve("busybox"));
            Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"/bin/busybox mkdir -p /usr/bin && /bin/busybox --install -s /usr/bin\"]",
                    "COPY payload.bin version.txt /app/",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"/bin/busybox md5sum /app/payload.bin > /app/payload.md5\"]",
                    "CMD [\"/bin/busybox\",\"cat\",\"/app/version.txt\"]", ""));
        }
        return context;
    }

    /** Half random, half text: compressible like a real application, different each time. */
    private void writePayload(Path file, String seed) throws IOException {
        Random random = new Random(seed.hashCode() ^ System.nanoTime());
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < payloadMiB; i++) {
                if (i % 2 == 0) {
                    random.nextBytes(chunk);
                } else {
                    byte[] line = ("line " + random.nextInt() + " of some application text that compresses well\n").getBytes(StandardCharsets.UTF_8);
                    for (int p = 0; p < chunk.length; p++) {
                        chunk[p] = line[p % line.length];
                    }
                }
                out.write(chunk);
            }
        }
    }

    private void cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "--host", engine.dockerHost(), "--config", cliConfig.toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0"); // the same classic builder the API uses
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
