package io.github.ecrtoolkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A two-platform push ({@code linux/amd64} and {@code linux/arm64} under one image index) against a
 * one-platform push of the same 80 MB application, set in code and as a Dockerfile context: cold
 * (empty layer cache, new repository) and no change (same cache, new tag). The two alternate in
 * every round, each push in a fresh JVM, so a loaded machine skews both alike; the report gives
 * medians and the median of the per-round ratios. Run with {@code Benchmark --two-platforms --runs 5}.
 */
final class TwoPlatformBenchmark {


    private TwoPlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = 5;
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/two-platforms.md") : Path.of("target/two-platforms.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> count = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: Benchmark --two-platforms [--runs N] [--out FILE]");
            }
        }
        BenchRegistry registry = BenchRegistry.fromEnvironment();
        Path work = Files.createTempDirectory("ecrtk-bench-2p-");
        Path app = work.resolve("app");
        log("input: " + InputLayout.fromLocalRepository().layOut(app));
        Thread.sleep(2500); // past the layer cache's racy-file window, as in Benchmark
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<double[]>> times = new LinkedHashMap<>(); // scenario/side -> [wall, cpu]
        for (int r = 1; r <= count; r++) {
            for (String path : List.of("code", "dockerfile")) {
                List<String> order = new ArrayList<>(List.of("ours-" + path, "ours-" + path + "-2p"));
                if (r % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String side : order) {
                    Path cache = Files.createDirectories(work.resolve("cache/" + r + "/" + side));
                    String repo = registry.host() + "/bench2p-" + id + "/" + side + "-" + r;
                    times.computeIfAbsent("cold " + side, k -> new ArrayList<>()).add(push(side, app, cache, repo + ":cold", work));
                    times.computeIfAbsent("no change " + side, k -> new ArrayList<>()).add(push(side, app, cache, repo + ":again", work));
                }
            }
        }
        StringBuilder md = new StringBuilder("### Two platforms against one (" + count + " alternating rounds, medians, whole process, fresh JVM per push)\n\n");
        md.append("| scenario | path | 1 platform (s) | 2 platforms (s) | **2/1** (median of per-round ratios) | per-round range | CPU 1 / 2 (s) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String scenario : List.of("cold", "no change")) {
            for (String path : List.of("code", "dockerfile")) {
                List<double[]> one = times.get(scenario + " ours-" + path);
                List<double[]> two = times.get(scenario + " ours-" + path + "-2p");
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < one.size(); i++) {
                    ratios.add(two.get(i)[0] / one.get(i)[0]);
                }
                md.append(String.format("| %s | %s | %.2f | %.2f | **%.2f** | %.2f–%.2f | %.2f / %.2f |%n", scenario, path,
                        Stats.median(one.stream().map(t -> t[0]).toList()), Stats.median(two.stream().map(t -> t[0]).toList()),
                        Stats.median(ratios), Stats.min(ratios), Stats.max(ratios),
                        Stats.median(one.stream().map(t -> t[1]).toList()), Stats.median(two.stream().map(t -> t[1]).toList())));
            }
        }
        md.append("\nLoad average (1 min) at the end: ").append(Files.readString(Path.of("/proc/loadavg")).split(" ")[0])
                .append(", on ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n");
        System.out.println(md);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        log("written to " + out.toAbsolutePath() + " (work folder " + work + ")");
    }

    /** One push in its own JVM: wall seconds (from outside) and CPU seconds. */
    private static double[] push(String side, Path app, Path cache, String target, Path work) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PushOnce.class.getName(), side, app.toString(), cache.toString(), target);
        Benchmark.Run run = Benchmark.runChild(command, work.resolve("logs/" + target.replaceAll("[^A-Za-z0-9.-]", "_") + ".log"),
                side + " push to " + target);
        log(String.format("%-20s %-60s %6.2f s (CPU %.2f s)", side, target, run.wallSeconds(), run.cpuSeconds()));
        return new double[] {run.wallSeconds(), run.cpuSeconds()};
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
