package io.github.ecrtoolkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and pushes the same application folder with ecr-toolkit and with jib-core to the local
 * Basic-auth registry, alternating which goes first, each push in a fresh JVM; prints medians,
 * the ratio ours/Jib per scenario, the gzip floor and peak memory, and writes them as Markdown.
 *
 * <pre>{@code
 * ./mvnw package -pl benchmarks -am -DskipTests
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' \
 *     io.github.ecrtoolkit.benchmarks.Benchmark --runs 3
 * }</pre>
 */
public final class Benchmark {

    enum Scenario {
        COLD("cold: empty caches, new repository", 0.6),
        NO_CHANGE("no change: same folder, new tag", 0.5),
        ONE_FILE("one .class file changed", 0.6),
        BASE("base image in registry + app layers", Double.NaN);

        final String label;
        final double target;

        Scenario(String label, double target) {
            this.label = label;
            this.target = target;
        }
    }

    record Run(double wallSeconds, double inProcessSeconds, long peakRssKb, long peakHeapBytes, String digest,
               double cpuSeconds) {
    }

    private static final Pattern RESULT = Pattern.compile(
            "RESULT digest=(\\S+) inProcessMs=(\\d+) peakRssKb=(\\d+) peakHeapBytes=(\\d+) cpuMs=(\\d+)");
    private static final List<String> SIDES = List.of("ours", "jib");
    /** Given to both sides' JVMs alike, e.g. {@code -XX:TieredStopAtLevel=1} for a short-lived CLI. */
    private static final List<String> JVM_OPTIONS = new ArrayList<>();
    /** Scenarios to measure; all by default. Cold still runs (unrecorded) to warm the cache for the others. */
    private static final java.util.Set<Scenario> SELECTED = java.util.EnumSet.noneOf(Scenario.class);

    private final BenchRegistry registry;
    private final Path work;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private String compressionTable = "";
    private String loadAtStart = "?";
    private final Map<Scenario, Map<String, List<Run>>> runs = new EnumMap<>(Scenario.class);

    private Benchmark(BenchRegistry registry, Path work) {
        this.registry = registry;
        this.work = work;
        for (Scenario s : Scenario.values()) {
            Map<String, List<Run>> bySide = new LinkedHashMap<>();
            SIDES.forEach(side -> bySide.put(side, new ArrayList<>()));
            runs.put(s, bySide);
        }
    }

    public static void main(String[] args) throws Exception {
        int count = 3;
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/results.md")
                : Path.of("target/results.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> count = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jvm-option" -> JVM_OPTIONS.add(args[++i]);
                case "--scenario" -> SELECTED.add(Scenario.valueOf(args[++i].toUpperCase().replace('-', '_')));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: Benchmark [--runs N] [--out FILE] [--jvm-option OPTION]... "
                        + "[--scenario cold|no-change|one-file|base]...");
            }
        }
        BenchRegistry registry = BenchRegistry.fromEnvironment();
        Path work = Files.createTempDirectory("ecrtk-bench-");
        Benchmark benchmark = new Benchmark(registry, work);
        if (SELECTED.isEmpty()) {
            SELECTED.addAll(java.util.EnumSet.allOf(Scenario.class));
        }
        String report = benchmark.run(count);
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath() + " (work folder " + work + ")");
    }

    private String run(int count) throws Exception {
        loadAtStart = loadAverage();
        Path app = work.resolve("app");
        InputLayout.Summary summary = InputLayout.fromLocalRepository().layOut(app);
        log("input: " + summary);

        byte[] tar = GzipFloor.tarOf(app);
        int tarBytes = tar.length;
        double floor1 = Double.NaN;
        double floor6 = Double.NaN;
        long size1 = 0;
        long size6 = 0;
        if (SELECTED.contains(Scenario.COLD)) { // the floor and compression figures go with the cold scenario
            floor1 = GzipFloor.singleThreadMbPerSecond(tar, 1);
            floor6 = GzipFloor.singleThreadMbPerSecond(tar, 6);
            size1 = GzipFloor.compressedSize(tar, 1);
            size6 = GzipFloor.compressedSize(tar, 6);
            log(String.format("gzip floor (1 thread): level 1 %.1f MB/s, level 6 %.1f MB/s", floor1, floor6));
            compressionTable = CompressionBench.table(app);
            log("compression alone:\n" + compressionTable);
        }
        tar = null;
        if (!SELECTED.contains(Scenario.COLD)) {
            // as in the full run, where the floor measurement takes this long: files written less than
            // 2 s before a build are keyed by content too (the layer cache's racy-file rule), and a
            // cold build right after the layout would cache keys the next builds do not use
            Thread.sleep(2500);
        }

        String base = registry.host() + "/bench-" + id + "/base:1";
        if (SELECTED.contains(Scenario.BASE)) {
            Path busybox = Path.of(System.getenv().getOrDefault("ECRTK_BUSYBOX", "/bin/busybox"));
            Path runtime = Path.of(System.getProperty("java.home"), "lib", "server");
            JibPush.pushBase(registry, busybox, runtime, work.resolve("cache/base-pusher"), base);
            log("base image pushed: " + base);
        }

        Path changed = InputLayout.changeTarget(app);
        for (int r = 1; r <= count; r++) {
            List<String> order = r % 2 == 1 ? SIDES : List.of("jib", "ours");
            for (String side : order) {
                Path cache = Files.createDirectories(work.resolve("cache/" + side + "-" + r));
                String repo = registry.host() + "/bench-" + id + "/" + side + "-" + r;
                record(Scenario.COLD, side, child(side, app, cache, repo + ":cold", null));
            }
            for (String side : order) {
                Path cache = work.resolve("cache/" + side + "-" + r);
                String repo = registry.host() + "/bench-" + id + "/" + side + "-" + r;
                record(Scenario.NO_CHANGE, side, child(side, app, cache, repo + ":nochange", null));
            }
            if (SELECTED.contains(Scenario.ONE_FILE)) {
                byte[] bytes = Files.readAllBytes(changed);
                bytes[bytes.length - 1] ^= (byte) r; // still the same size; content differs each run
                Files.write(changed, bytes);
            }
            for (String side : SELECTED.contains(Scenario.ONE_FILE) ? order : List.<String>of()) {
                Path cache = work.resolve("cache/" + side + "-" + r);
                String repo = registry.host() + "/bench-" + id + "/" + side + "-" + r;
                record(Scenario.ONE_FILE, side, child(side, app, cache, repo + ":onefile", null));
            }
            for (String side : SELECTED.contains(Scenario.BASE) ? order : List.<String>of()) {
                Path cache = Files.createDirectories(work.resolve("cache/" + side + "-" + r + "-base"));
                String repo = registry.host() + "/bench-" + id + "/" + side + "-" + r + "-frombase";
                record(Scenario.BASE, side, child(side, app, cache, repo + ":1", base));
            }
        }
        return report(summary, tarBytes, floor1, floor6, size1, size6, count);
    }

    private void record(Scenario scenario, String side, Run run) {
        if (!SELECTED.contains(scenario)) {
            return;
        }
        runs.get(scenario).get(side).add(run);
        log(String.format("%-9s %-4s %6.2f s (in process %.2f s, CPU %.2f s), peak RSS %d MB, peak heap %d MB",
                scenario, side, run.wallSeconds, run.inProcessSeconds, run.cpuSeconds, run.peakRssKb >> 10,
                run.peakHeapBytes >> 20));
    }

    private Run child(String side, Path app, Path cache, String target, String base) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                PushOnce.class.getName(), side, app.toString(), cache.toString(), target));
        if (base != null) {
            command.add(base);
        }
        Path log = work.resolve("logs/" + side + "-" + target.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException(side + " push to " + target + " failed (exit " + exit + "); see " + log
                    + ":\n" + output.substring(Math.max(0, output.length() - 3000)));
        }
        return new Run(wall, Long.parseLong(m.group(2)) / 1000.0, Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), m.group(1), Long.parseLong(m.group(5)) / 1000.0);
    }

    private String report(InputLayout.Summary summary, int tarBytes, double floor1, double floor6, long size1,
                          long size6, int count) {
        StringBuilder md = new StringBuilder();
        md.append("### Results (").append(count).append(" alternating runs per side, medians, whole process")
                .append(JVM_OPTIONS.isEmpty() ? "" : ", both JVMs with " + String.join(" ", JVM_OPTIONS)).append(")\n\n");
        md.append("Input: ").append(summary).append("; ")
                .append(String.format("%.1f MB as one tar.%n%n", tarBytes / 1e6));
        md.append("| scenario | ours (s) | Jib (s) | ours/Jib | target | met | CPU ours / Jib (s) | CPU ratio "
                + "| peak RSS ours / Jib (MB) | peak heap ours / Jib (MB) |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Scenario s : SELECTED) {
            List<Run> ours = runs.get(s).get("ours");
            List<Run> jib = runs.get(s).get("jib");
            double o = Stats.median(ours.stream().map(Run::wallSeconds).toList());
            double j = Stats.median(jib.stream().map(Run::wallSeconds).toList());
            double oc = Stats.median(ours.stream().map(Run::cpuSeconds).toList());
            double jc = Stats.median(jib.stream().map(Run::cpuSeconds).toList());
            double ratio = o / j;
            md.append(String.format("| %s | %.2f | %.2f | **%.2f** | %s | %s | %.2f / %.2f | %.2f | %.0f / %.0f | %.0f / %.0f |%n",
                    s.label, o, j, ratio,
                    Double.isNaN(s.target) ? "–" : "≤ " + s.target,
                    Double.isNaN(s.target) ? "–" : (ratio <= s.target ? "yes" : "no"),
                    oc, jc, oc / jc,
                    Stats.max(ours.stream().map(r -> r.peakRssKb / 1024.0).toList()),
                    Stats.max(jib.stream().map(r -> r.peakRssKb / 1024.0).toList()),
                    Stats.max(ours.stream().map(r -> r.peakHeapBytes / 1048576.0).toList()),
                    Stats.max(jib.stream().map(r -> r.peakHeapBytes / 1048576.0).toList())));
        }
        md.append("\nLoad average (1 min) at start / end: ").append(loadAtStart).append(" / ").append(loadAverage())
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n");
        if (SELECTED.contains(Scenario.COLD)) { // throughput, floor and compression are measured with the cold scenario only
            double oursCold = Stats.median(runs.get(Scenario.COLD).get("ours").stream().map(Run::inProcessSeconds).toList());
            double jibCold = Stats.median(runs.get(Scenario.COLD).get("jib").stream().map(Run::inProcessSeconds).toList());
            md.append("\nThroughput, cold build and push (input tar bytes / in-process time): ")
                    .append(String.format("ours %.1f MB/s, Jib %.1f MB/s.%n", tarBytes / 1e6 / oursCold, tarBytes / 1e6 / jibCold));
            md.append(String.format("Floor, one core, JDK gzip on the same tar: level 1 %.1f MB/s (%.1f MB out), "
                    + "level 6 %.1f MB/s (%.1f MB out).%n", floor1, size1 / 1e6, floor6, size6 / 1e6));
            md.append("\nCompression alone (in memory, best of 3):\n\n").append(compressionTable);
        }
        boolean reproducible = true;
        for (int i = 0; i < Math.min(runs.get(Scenario.COLD).get("ours").size(),
                runs.get(Scenario.NO_CHANGE).get("ours").size()); i++) {
            reproducible &= runs.get(Scenario.COLD).get("ours").get(i).digest
                    .equals(runs.get(Scenario.NO_CHANGE).get("ours").get(i).digest);
        }
        md.append("\nReproducible: ours gave the same digest for the same folder, cold and from the cache, in every run: ")
                .append(!SELECTED.containsAll(List.of(Scenario.COLD, Scenario.NO_CHANGE)) ? "not checked (needs the cold and no-change scenarios)"
                        : reproducible ? "yes" : "NO").append(".\n");
        md.append("\nDigests (ours, per scenario, run 1): ");
        for (Scenario s : Scenario.values()) {
            List<Run> ours = runs.get(s).get("ours");
            if (!ours.isEmpty()) {
                md.append(s.name().toLowerCase()).append(' ').append(ours.get(0).digest, 0, 19).append("… ");
            }
        }
        md.append('\n');
        return md.toString();
    }

    /** The 1-minute load average: others' work on the machine skews wall times, not CPU times. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
