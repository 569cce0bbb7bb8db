package io.github.ecrtoolkit.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The cpu/memory pairs Fargate accepts (cpu units, memory in MiB), and the error that lists them. */
final class FargateSizes {

    private static final Map<Integer, List<Integer>> SIZES = new TreeMap<>(Map.of(
            256, List.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192)));

    private FargateSizes() {
    }

    /** @throws IllegalArgumentException naming the valid values when Fargate has no such size */
    static void check(int cpu, int memoryMiB) {
        List<Integer> memories = SIZES.get(cpu);
        if (memories == null) {
            throw new IllegalArgumentException("Fargate has no task size with cpu " + cpu + "; use one of " + SIZES.keySet()
                    + " (1024 units = 1 vCPU)");
        }
        if (!memories.contains(memoryMiB)) {
            throw new IllegalArgumentException("Fargate has no task size with cpu " + cpu + " and " + memoryMiB
                    + " MiB of memory; with cpu " + cpu + " use memoryMiB " + describe(memories));
        }
    }

    private static String describe(List<Integer> memories) {
        if (memories.size() <= 4) {
            return memories.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        int step = memories.get(1) - memories.get(0);
        return "from " + memories.get(0) + " to " + memories.get(memories.size() - 1) + " in steps of " + step;
    }

    private static List<Integer> steps(int from, int to, int step) {
        List<Integer> values = new ArrayList<>();
        for (int value = from; value <= to; value += step) {
            values.add(value);
        }
        return List.copyOf(values);
    }
}
