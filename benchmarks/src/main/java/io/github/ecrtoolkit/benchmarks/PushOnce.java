package io.github.ecrtoolkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One build-and-push in its own JVM, so that each run pays the whole process cost and its peak
 * memory can be read. Prints one {@code RESULT} line the parent parses.
 *
 * <p>Arguments: {@code ours-code|ours-dockerfile|ours-code-2p|ours-dockerfile-2p|jib APP_DIR CACHE_DIR TARGET_REF [BASE_REF]}
 * ({@code ours} is {@code ours-code}; {@code -2p}: linux/amd64 and linux/arm64 under one image index).
 */
public final class PushOnce {

    private PushOnce() {
    }

    public static void main(String[] args) throws Exception {
        String side = args[0];
        Path app = Path.of(args[1]);
        Path cache = Path.of(args[2]);
        String target = args[3];
        String base = args.length > 4 ? args[4] : null;
        BenchRegistry registry = BenchRegistry.fromEnvironment();
        long start = System.nanoTime();
        String digest = switch (side) {
            case "ours", "ours-code" -> OursPush.push(registry, app, cache, target, base, false);
            case "ours-dockerfile" -> OursPush.push(registry, app, cache, target, base, true);
            case "ours-code-2p" -> OursPush.push(registry, app, cache, target, base, false, 2);
            case "ours-dockerfile-2p" -> OursPush.push(registry, app, cache, target, base, true, 2);
            case "jib" -> JibPush.push(registry, app, cache, target, base);
            default -> throw new IllegalArgumentException("side must be ours-code, ours-dockerfile, ours-code-2p, ours-dockerfile-2p or jib: " + side);
        };
        long millis = (System.nanoTime() - start) / 1_000_000;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(0L);
        System.out.printf("RESULT digest=%s inProcessMs=%d peakRssKb=%d peakHeapBytes=%d cpuMs=%d%n",
                digest, millis, peakRssKb(), heapPeak, cpuMs);
        System.out.flush();
        // Jib and HTTP clients may leave non-daemon threads behind; the measurement is done.
        System.exit(0);
    }

    /** VmHWM: the process's peak resident set size, from Linux's /proc. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux: reported as 0
        }
        return 0;
    }
}
