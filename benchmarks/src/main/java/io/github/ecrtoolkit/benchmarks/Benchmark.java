package io.github.ecrtoolkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds and pushes the same application folder with ecr-toolkit (set in code, and as a Dockerfile
 * context) and with jib-core to the local Basic-auth registry, alternating the order of the sides
 * every round, each push in a fresh JVM; prints medians, the ratio ours/Jib per path, size and
 * scenario, the gzip floor and peak memory, and writes them as Markdown.
 *
 * <pre>{@code
 * scripts/test-services.sh start
 * ./mvnw verify -DskipTests
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' \
 *     io.github.ecrtoolkit.benchmarks.Benchmark --runs 3
 * }</pre>
 *
 * <p>{@code Benchmark --two-platforms [--runs N]} measures something else: a two-platform push
 * against a one-platform push of the same app ({@link TwoPlatformBenchmark}).
 *
 * <p>Two sizes: the ~80 MB application laid out afresh in a temporary folder, and a 1 GB /
 * ~50,000-file one generated once into {@link LargeInputLayout#defaultFolder()} and reused.
 */
public final class Benchmark {

    enum Scenario {
        COLD("cold: empty caches, new repository", 0.4),
        NO_CHANGE("no change: same folder, new tag", 0.5),
        ONE_FILE("one .class file changed", 0.4),
        BASE("base image in registry + app layers (80 MB app only)", Double.NaN);

        final String label;
        final double target;

        Scenario(String label, double target) {
            this.label = label;
            this.target = target;
        }
    }

    enum Size {
        SMALL("80 MB"), LARGE("1 GB");

        final String label;

        Size(String label) {
            this.label = label;
        }

        static Size parse(String text) {
            return switch (text.toLowerCase()) {
                case "80mb", "small" -> SMALL;
                case "1gb", "large" -> LARGE;
                default -> throw new IllegalArgumentException("--size is 80mb or 1gb, not " + text);
            };
        }
    }

    /** One way to push: ours set in code, ours from a Dockerfile context, or Jib. */
    enum Side {
        OURS_CODE("ours-code", "code"), OURS_DOCKERFILE("ours-dockerfile", "Dockerfile"), JIB("jib", "Jib");

        final String arg;
        final String label;

        Side(String arg, String label) {
            this.arg = arg;
            this.label = label;
        }

        boolean ours() {
            return this != JIB;
        }
    }

    record Run(double wallSeconds, double inProcessSeconds, long peakRssKb, long peakHeapBytes, String digest,
               double cpuSeconds) {
    }

    private static final Pattern RESULT = Pattern.compile(
            "RESULT digest=(\\S+) inProcessMs=(\\d+) peakRssKb=(\\d+) peakHeapBytes=(\\d+) cpuMs=(\\d+)");
    /** Given to every side's JVM alike, e.g. {@code -XX:TieredStopAtLevel=1} for a short-lived CLI. */
    private static final List<String> JVM_OPTIONS = new ArrayList<>();
    /** Given to our JVMs only, e.g. {@code -Xmx64m} (Jib needs more heap than that). */
    private static final List<String> OURS_JVM_OPTIONS = new ArrayList<>();
    /** Scenarios to measure; all by default. Cold still runs (unrecorded) to warm the cache for the others. */
    private static final Set<Scenario> SELECTED = EnumSet.noneOf(Scenario.class);
    private static final Set<Size> SIZES = EnumSet.noneOf(Size.class);
    private static final Set<Side> SIDES = EnumSet.of(Side.JIB);

    private final BenchRegistry registry;
    private final Path work;
    private final Path largeApp;
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private String compressionTable = "";
    private String loadAtStart = "?";
    private final Map<Size, Map<Scenario, Map<Side, List<Run>>>> runs = new EnumMap<>(Size.class);
    private final Map<Size, String> inputs = new EnumMap<>(Size.class);
    private final List<Double> loads = new ArrayList<>();
    private int tarBytes;
    private double floor1 = Double.NaN;
    private double floor6 = Double.NaN;
    private long size1;
    private long size6;

    private Benchmark(BenchRegistry registry, Path work, Path largeApp) {
        this.registry = registry;
        this.work = work;
        this.largeApp = largeApp;
        for (Size size : Size.values()) {
            Map<Scenario, Map<Side, List<Run>>> byScenario = new EnumMap<>(Scenario.class);
            for (Scenario s : Scenario.values()) {
                Map<Side, List<Run>> bySide = new EnumMap<>(Side.class);
                for (Side side : Side.values()) {
                    bySide.put(side, new ArrayList<>());
                }
                byScenario.put(s, bySide);
            }
            runs.put(size, byScenario);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--two-platforms")) {
            TwoPlatformBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int count = 3;
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/results.md")
                : Path.of("target/results.md");
        Path largeApp = LargeInputLayout.defaultFolder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> count = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jvm-option" -> JVM_OPTIONS.add(args[++i]);
                case "--ours-jvm-option" -> OURS_JVM_OPTIONS.add(args[++i]);
                case "--scenario" -> SELECTED.add(Scenario.valueOf(args[++i].toUpperCase().replace('-', '_')));
                case "--size" -> SIZES.add(Size.parse(args[++i]));
                case "--path" -> SIDES.add(switch (args[++i]) {
                    case "code" -> Side.OURS_CODE;
                    case "dockerfile" -> Side.OURS_DOCKERFILE;
                    default -> throw new IllegalArgumentException("--path is code or dockerfile, not " + args[i]);
                });
                case "--large-app" -> largeApp = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: Benchmark [--runs N] [--out FILE] [--jvm-option OPTION]... [--ours-jvm-option OPTION]... "
                        + "[--scenario cold|no-change|one-file|base]... [--size 80mb|1gb]... [--path code|dockerfile]... "
                        + "[--large-app DIR]; or Benchmark --two-platforms [--runs N] [--out FILE]");
            }
        }
        if (SELECTED.isEmpty()) {
            SELECTED.addAll(EnumSet.allOf(Scenario.class));
        }
        if (SIZES.isEmpty()) {
            SIZES.addAll(EnumSet.allOf(Size.class));
        }
        if (SIDES.size() == 1) {
            SIDES.addAll(List.of(Side.OURS_CODE, Side.OURS_DOCKERFILE));
        }
        BenchRegistry registry = BenchRegistry.fromEnvironment();
        Path work = Files.createTempDirectory("ecrtk-bench-");
        Benchmark benchmark = new Benchmark(registry, work, largeApp);
        String report = benchmark.run(count);
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath() + " (work folder " + work + ")");
    }

    private String run(int count) throws Exception {
        loadAtStart = loadAverage();
        String base = null;
        for (Size size : SIZES) {
            Path app;
            if (size == Size.SMALL) {
                app = work.resolve("app");
                InputLayout.Summary summary = InputLayout.fromLocalRepository().layOut(app);
                inputs.put(size, summary.toString());
                log("input " + size.label + ": " + summary);
                if (SELECTED.contains(Scenario.COLD)) { // the floor and compression figures go with the cold scenario
                    measureFloor(app);
                }
                if (SELECTED.contains(Scenario.BASE) && base == null) {
                    base = registry.host() + "/bench-" + id + "/base:1";
                    Path busybox = Path.of(System.getenv().getOrDefault("ECRTK_BUSYBOX", "/bin/busybox"));
                    Path runtime = Path.of(System.getProperty("java.home"), "lib", "server");
                    JibPush.pushBase(registry, busybox, runtime, work.resolve("cache/base-pusher"), base);
                    log("base image pushed: " + base);
                }
            } else {
                app = largeApp;
                String summary = LargeInputLayout.fromLocalRepository().layOutOnce(app);
                inputs.put(size, summary);
                log("input " + size.label + ": " + summary);
            }
            // files written less than 2 s before a build are keyed by content too (the layer cache's
            // racy-file rule): a cold build right after the layout would cache keys the next builds do not use
            Thread.sleep(2500);
            runSize(size, app, count, size == Size.SMALL ? base : null);
        }
        return report(count);
    }

    private void runSize(Size size, Path app, int count, String base) throws Exception {
        Path changed = InputLayout.changeTarget(app);
        String prefix = registry.host() + "/bench-" + id + "/" + size.name().toLowerCase() + "-";
        for (int r = 1; r <= count; r++) {
            List<Side> order = new ArrayList<>(SIDES);
            if (r % 2 == 0) {
                order.sort(Comparator.reverseOrder());
            }
            Path roundCaches = work.resolve("cache/" + size.name().toLowerCase() + "-" + r);
            for (Side side : order) {
                Path cache = Files.createDirectories(roundCaches.resolve(side.arg));
                record(size, Scenario.COLD, side, child(side, app, cache, prefix + side.arg + "-" + r + ":cold", null));
            }
            for (Side side : SELECTED.contains(Scenario.NO_CHANGE) ? order : List.<Side>of()) {
                record(size, Scenario.NO_CHANGE, side, child(side, app, roundCaches.resolve(side.arg),
                        prefix + side.arg + "-" + r + ":nochange", null));
            }
            if (SELECTED.contains(Scenario.ONE_FILE)) {
                byte[] bytes = Files.readAllBytes(changed);
                bytes[bytes.length - 1] ^= (byte) r; // still the same size; content differs each run
                Files.write(changed, bytes);
                for (Side side : order) {
                    record(size, Scenario.ONE_FILE, side, child(side, app, roundCaches.resolve(side.arg),
                            prefix + side.arg + "-" + r + ":onefile", null));
                }
            }
            if (SELECTED.contains(Scenario.BASE) && base != null) {
                for (Side side : order) {
                    Path cache = Files.createDirectories(roundCaches.resolve(side.arg + "-base"));
                    record(size, Scenario.BASE, side, child(side, app, cache, prefix + side.arg + "-" + r + "-frombase:1", base));
                }
            }
            deleteTree(roundCaches); // a 1 GB round leaves about 1 GB of blobs per side
        }
    }

    private void measureFloor(Path app) throws IOException {
        byte[] tar = GzipFloor.tarOf(app);
        tarBytes = tar.length;
        floor1 = GzipFloor.singleThreadMbPerSecond(tar, 1);
        floor6 = GzipFloor.singleThreadMbPerSecond(tar, 6);
        size1 = GzipFloor.compressedSize(tar, 1);
        size6 = GzipFloor.compressedSize(tar, 6);
        log(String.format("gzip floor (1 thread): level 1 %.1f MB/s, level 6 %.1f MB/s", floor1, floor6));
        compressionTable = CompressionBench.table(app);
        log("compression alone:\n" + compressionTable);
    }

    private void record(Size size, Scenario scenario, Side side, Run run) {
        if (!SELECTED.contains(scenario)) {
            return;
        }
        runs.get(size).get(scenario).get(side).add(run);
        log(String.format("%-6s %-9s %-15s %6.2f s (in process %.2f s, CPU %.2f s), peak RSS %d MB, peak heap %d MB, load %s",
                size.label, scenario, side.arg, run.wallSeconds, run.inProcessSeconds, run.cpuSeconds, run.peakRssKb >> 10,
                run.peakHeapBytes >> 20, loadAverage()));
    }

    private Run child(Side side, Path app, Path cache, String target, String base) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (side.ours()) {
            command.addAll(OURS_JVM_OPTIONS);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                PushOnce.class.getName(), side.arg, app.toString(), cache.toString(), target));
        if (base != null) {
            command.add(base);
        }
        Path log = work.resolve("logs/" + side.arg + "-" + target.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        recordLoad();
        return runChild(command, log, side.arg + " push to " + target);
    }

    /**
     * Runs one {@link PushOnce} JVM, its output in {@code log}, and reads its {@code RESULT} line;
     * the wall time is measured from here, process start included.
     *
     * @throws IllegalStateException naming {@code what} and the log when it fails
     */
    static Run runChild(List<String> command, Path log, String what) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException(what + " failed (exit " + exit + "); see " + log
                    + ":\n" + output.substring(Math.max(0, output.length() - 3000)));
        }
        return new Run(wall, Long.parseLong(m.group(2)) / 1000.0, Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), m.group(1), Long.parseLong(m.group(5)) / 1000.0);
    }

    private String report(int count) {
        StringBuilder md = new StringBuilder();
        md.append("### Results (").append(count).append(" alternating rounds, medians, whole process, fresh JVM per push")
                .append(JVM_OPTIONS.isEmpty() ? "" : ", every JVM with " + String.join(" ", JVM_OPTIONS))
                .append(OURS_JVM_OPTIONS.isEmpty() ? "" : ", our JVMs with " + String.join(" ", OURS_JVM_OPTIONS))
                .append(")\n");
        List<Side> ours = SIDES.stream().filter(Side::ours).toList();
        for (Size size : SIZES) {
            md.append("\n#### ").append(size.label).append(": ").append(inputs.get(size)).append("\n\n");
            md.append("| scenario | Jib (s) |");
            ours.forEach(s -> md.append(" ours ").append(s.label).append(" (s) | **").append(s.label).append("/Jib** | pairwise |"));
            md.append(" target | CPU ");
            ours.forEach(s -> md.append(s.label).append(" / "));
            md.append("Jib (s) | peak heap ");
            ours.forEach(s -> md.append(s.label).append(" / "));
            md.append("Jib (MB) | peak RSS ");
            ours.forEach(s -> md.append(s.label).append(" / "));
            md.append("Jib (MB) |\n|---|---:|");
            ours.forEach(s -> md.append("---:|---:|---:|"));
            md.append("---:|---:|---:|---:|\n");
            for (Scenario s : SELECTED) {
                Map<Side, List<Run>> bySide = runs.get(size).get(s);
                List<Run> jib = bySide.get(Side.JIB);
                if (jib.isEmpty()) {
                    continue;
                }
                double j = median(jib, Run::wallSeconds);
                md.append(String.format("| %s | %.2f |", s.label, j));
                for (Side side : ours) {
                    List<Run> o = bySide.get(side);
                    double ratio = median(o, Run::wallSeconds) / j;
                    List<Double> pairwise = new ArrayList<>();
                    for (int i = 0; i < Math.min(o.size(), jib.size()); i++) {
                        pairwise.add(o.get(i).wallSeconds / jib.get(i).wallSeconds);
                    }
                    md.append(String.format(" %.2f | **%.2f**%s | %.2f–%.2f |", median(o, Run::wallSeconds), ratio,
                            Double.isNaN(s.target) ? "" : ratio <= s.target ? " ✔" : " ✘",
                            Stats.min(pairwise), Stats.max(pairwise)));
                }
                md.append(Double.isNaN(s.target) ? " – |" : String.format(" ≤ %.1f |", s.target));
                StringBuilder cpu = new StringBuilder();
                StringBuilder heap = new StringBuilder();
                StringBuilder rss = new StringBuilder();
                for (Side side : ours) {
                    cpu.append(String.format("%.2f / ", median(bySide.get(side), Run::cpuSeconds)));
                    heap.append(String.format("%.0f / ", Stats.max(bySide.get(side).stream().map(r -> r.peakHeapBytes / 1048576.0).toList())));
                    rss.append(String.format("%.0f / ", Stats.max(bySide.get(side).stream().map(r -> r.peakRssKb / 1024.0).toList())));
                }
                cpu.append(String.format("%.2f", median(jib, Run::cpuSeconds)));
                heap.append(String.format("%.0f", Stats.max(jib.stream().map(r -> r.peakHeapBytes / 1048576.0).toList())));
                rss.append(String.format("%.0f", Stats.max(jib.stream().map(r -> r.peakRssKb / 1024.0).toList())));
                md.append(' ').append(cpu).append(" | ").append(heap).append(" | ").append(rss).append(" |\n");
            }
            md.append("\nReproducible (same digest for the same folder, cold and from the cache, every round): ");
            for (Side side : ours) {
                md.append(side.label).append(' ').append(reproducible(size, side)).append("; ");
            }
            md.append("\nDigests (round 1): ");
            for (Scenario s : Scenario.values()) {
                for (Side side : ours) {
                    List<Run> list = runs.get(size).get(s).get(side);
                    if (!list.isEmpty()) {
                        md.append(s.name().toLowerCase()).append(' ').append(side.label).append(' ')
                                .append(list.get(0).digest, 0, 19).append("… ");
                    }
                }
            }
            md.append('\n');
        }
        md.append(String.format("%nLoad average (1 min): %s at start, %s at the end; before each push %.1f–%.1f (median %.1f), on %d cores.%n",
                loadAtStart, loadAverage(), Stats.min(loads), Stats.max(loads), Stats.median(loads),
                Runtime.getRuntime().availableProcessors()));
        if (SIZES.contains(Size.SMALL) && SELECTED.contains(Scenario.COLD)) {
            double oursCold = median(runs.get(Size.SMALL).get(Scenario.COLD).get(ours.get(0)), Run::inProcessSeconds);
            double jibCold = median(runs.get(Size.SMALL).get(Scenario.COLD).get(Side.JIB), Run::inProcessSeconds);
            md.append("\nThroughput, cold build and push of the 80 MB app (input tar bytes / in-process time): ")
                    .append(String.format("ours (%s) %.1f MB/s, Jib %.1f MB/s.%n", ours.get(0).label, tarBytes / 1e6 / oursCold,
                            tarBytes / 1e6 / jibCold));
            md.append(String.format("Floor, one core, JDK gzip on the same tar: level 1 %.1f MB/s (%.1f MB out), "
                    + "level 6 %.1f MB/s (%.1f MB out).%n", floor1, size1 / 1e6, floor6, size6 / 1e6));
            md.append("\nCompression alone (in memory, best of 3):\n\n").append(compressionTable);
        }
        return md.toString();
    }

    private String reproducible(Size size, Side side) {
        List<Run> cold = runs.get(size).get(Scenario.COLD).get(side);
        List<Run> same = runs.get(size).get(Scenario.NO_CHANGE).get(side);
        if (cold.isEmpty() || same.isEmpty()) {
            return "not checked (needs the cold and no-change scenarios)";
        }
        for (int i = 0; i < Math.min(cold.size(), same.size()); i++) {
            if (!cold.get(i).digest.equals(same.get(i).digest)) {
                return "NO";
            }
        }
        return "yes";
    }

    private static double median(List<Run> list, java.util.function.ToDoubleFunction<Run> value) {
        return Stats.median(list.stream().map(value::applyAsDouble).toList());
    }

    private void recordLoad() {
        try {
            loads.add(Double.parseDouble(loadAverage()));
        } catch (NumberFormatException e) {
            // not Linux
        }
    }

    /** The 1-minute load average: others' work on the machine skews wall times, not CPU times. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
