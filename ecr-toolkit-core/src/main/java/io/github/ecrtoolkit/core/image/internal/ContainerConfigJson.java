package io.github.ecrtoolkit.core.image.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.ecrtoolkit.core.image.ContainerConfig;

/**
 * Writes a {@link ContainerConfig} as the image config's {@code config} object without a JSON
 * library, byte for byte as the shared Jackson mapper writes it from the class's annotations:
 * fields in {@code @JsonPropertyOrder}, absent ones left out, maps by key, durations in nanoseconds
 * ({@code ContainerConfigJsonTest} compares the two).
 */
public final class ContainerConfigJson {

    private ContainerConfigJson() {
    }

    public static void write(ContainerConfig c, JsonWriter w) {
        JsonWriter.Fields f = w.object();
        c.user().ifPresent(u -> f.name("User").string(u));
        if (!c.exposedPorts().isEmpty()) {
            emptyObjects(f.name("ExposedPorts"), c.exposedPorts());
        }
        if (!c.env().isEmpty()) {
            f.name("Env").strings(c.envList());
        }
        c.entrypoint().ifPresent(e -> f.name("Entrypoint").strings(e));
        c.cmd().ifPresent(cmd -> f.name("Cmd").strings(cmd));
        if (!c.volumes().isEmpty()) {
            emptyObjects(f.name("Volumes"), c.volumes());
        }
        c.workingDir().ifPresent(d -> f.name("WorkingDir").string(d));
        if (!c.labels().isEmpty()) {
            stringMap(f.name("Labels"), c.labels());
        }
        c.stopSignal().ifPresent(s -> f.name("StopSignal").string(s));
        c.healthcheck().ifPresent(h -> healthcheck(f.name("Healthcheck"), h));
        if (!c.onBuild().isEmpty()) {
            f.name("OnBuild").strings(c.onBuild());
        }
        c.shell().ifPresent(s -> f.name("Shell").strings(s));
        f.end();
    }

    private static void healthcheck(JsonWriter w, ContainerConfig.Healthcheck h) {
        JsonWriter.Fields f = w.object();
        if (h.test() != null) {
            f.name("Test").strings(h.test());
        }
        nanos(f, "Interval", h.interval());
        nanos(f, "Timeout", h.timeout());
        nanos(f, "StartPeriod", h.startPeriod());
        nanos(f, "StartInterval", h.startInterval());
        if (h.retries() != 0) {
            f.name("Retries").raw(Integer.toString(h.retries()));
        }
        f.end();
    }

    private static void nanos(JsonWriter.Fields f, String name, Duration d) {
        if (!d.isZero()) {
            f.name(name).raw(Long.toString(d.toNanos()));
        }
    }

    private static void emptyObjects(JsonWriter w, Set<String> keys) {
        JsonWriter.Fields f = w.object();
        keys.stream().sorted().forEach(k -> f.name(k).raw("{}"));
        f.end();
    }

    private static void stringMap(JsonWriter w, Map<String, String> values) {
        JsonWriter.Fields f = w.object();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> f.name(e.getKey()).string(e.getValue()));
        f.end();
    }
}
