package io.github.ecrtoolkit.core.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code config} object of an OCI image configuration: how a container of the image runs
 * (user, ports, environment, entrypoint, command, volumes, working directory, labels, stop
 * signal) plus Docker's {@code Healthcheck}, {@code OnBuild} and {@code Shell}. Jackson reads and
 * writes it with the OCI field names; maps are written sorted and empty fields left out, so the
 * JSON of equal values is byte-equal.
 *
 * <pre>{@code
 * ContainerConfig app = ContainerConfig.builder()
 *         .entrypoint(List.of("java", "-jar", "/app/app.jar"))
 *         .env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75")
 *         .exposedPort("8080/tcp")
 *         .user("1000")
 *         .build();
 * ContainerConfig effective = app.mergedOver(baseImageConfig);
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@code toString()} shows environment names, never values.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal",
    "Healthcheck", "OnBuild", "Shell"})
public final class ContainerConfig {

    private static final ContainerConfig EMPTY = builder().build();

    private final String user;
    private final Set<String> exposedPorts;
    private final Map<String, String> env;
    private final List<String> entrypoint;
    private final List<String> cmd;
    private final Set<String> volumes;
    private final String workingDir;
    private final Map<String, String> labels;
    private final String stopSignal;
    private final Healthcheck healthcheck;
    private final List<String> onBuild;
    private final List<String> shell;

    private ContainerConfig(Builder b) {
        this.user = b.user;
        this.exposedPorts = Collections.unmodifiableSet(new TreeSet<>(b.exposedPorts));
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.entrypoint = b.entrypoint == null ? null : List.copyOf(b.entrypoint);
        this.cmd = b.cmd == null ? null : List.copyOf(b.cmd);
        this.volumes = Collections.unmodifiableSet(new TreeSet<>(b.volumes));
        this.workingDir = b.workingDir;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
        this.stopSignal = b.stopSignal;
        this.healthcheck = b.healthcheck;
        this.onBuild = List.copyOf(b.onBuild);
        this.shell = b.shell == null ? null : List.copyOf(b.shell);
    }

    /** Nothing set, as for {@code FROM scratch}. */
    public static ContainerConfig empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.user = user;
        b.exposedPorts.addAll(exposedPorts);
        b.env.putAll(env);
        b.entrypoint = entrypoint;
        b.cmd = cmd;
        b.volumes.addAll(volumes);
        b.workingDir = workingDir;
        b.labels.putAll(labels);
        b.stopSignal = stopSignal;
        b.healthcheck = healthcheck;
        b.onBuild.addAll(onBuild);
        b.shell = shell;
        return b;
    }

    /** {@code User}: a name or uid, optionally {@code :group}. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** {@code ExposedPorts}, sorted, each {@code port/protocol}, e.g. {@code 8080/tcp}. */
    public Set<String> exposedPorts() {
        return exposedPorts;
    }

    /** {@code Env} as name to value, in order. */
    public Map<String, String> env() {
        return env;
    }

    /** {@code Env} as the image config holds it: {@code NAME=value} strings, in order. */
    public List<String> envList() {
        List<String> list = new ArrayList<>(env.size());
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    /** {@code Entrypoint}; empty when unset (an empty list is "set to nothing"). */
    public Optional<List<String>> entrypoint() {
        return Optional.ofNullable(entrypoint);
    }

    /** {@code Cmd}; empty when unset. */
    public Optional<List<String>> cmd() {
        return Optional.ofNullable(cmd);
    }

    /** {@code Volumes}, sorted. */
    public Set<String> volumes() {
        return volumes;
    }

    /** {@code WorkingDir}. */
    public Optional<String> workingDir() {
        return Optional.ofNullable(workingDir);
    }

    /** {@code Labels}, sorted by key. */
    public Map<String, String> labels() {
        return labels;
    }

    /** {@code StopSignal}, e.g. {@code SIGTERM}. */
    public Optional<String> stopSignal() {
        return Optional.ofNullable(stopSignal);
    }

    /** Docker's {@code Healthcheck}. */
    public Optional<Healthcheck> healthcheck() {
        return Optional.ofNullable(healthcheck);
    }

    /** Docker's {@code OnBuild} triggers, Dockerfile instructions run by images built FROM this one. */
    public List<String> onBuild() {
        return onBuild;
    }

    /** Docker's {@code Shell}, used for shell-form commands; unset means {@code ["/bin/sh", "-c"]}. */
    public Optional<List<String>> shell() {
        return Optional.ofNullable(shell);
    }

    /**
     * This configuration, taken as the changes a build makes, applied over {@code base} (the base
     * image's) with Docker's rules: single values set here win; environment variables of the same
     * name are replaced in place, new ones appended; labels, ports and volumes are merged; an
     * {@code Entrypoint} set here clears an inherited {@code Cmd} unless a {@code Cmd} is set here
     * too; a relative {@code WorkingDir} resolves against the base's; {@code OnBuild} triggers of
     * the base are not inherited (a build consumes them).
     */
    public ContainerConfig mergedOver(ContainerConfig base) {
        Builder b = base.toBuilder();
        if (user != null) {
            b.user(user);
        }
        b.exposedPorts.addAll(exposedPorts);
        env.forEach(b::env);
        if (entrypoint != null) {
            b.entrypoint(entrypoint);
            b.cmd = null;
        }
        if (cmd != null) {
            b.cmd(cmd);
        }
        b.volumes.addAll(volumes);
        if (workingDir != null) {
            b.workingDir(resolveWorkingDir(base.workingDir, workingDir));
        }
        b.labels.putAll(labels);
        if (stopSignal != null) {
            b.stopSignal(stopSignal);
        }
        if (healthcheck != null) {
            b.healthcheck(healthcheck);
        }
        b.onBuild.clear();
        b.onBuild.addAll(onBuild);
        if (shell != null) {
            b.shell(shell);
        }
        return b.build();
    }

    /**
     * {@code WORKDIR} resolution: an absolute {@code dir} replaces, a relative one is joined to
     * {@code current} (or {@code /}); the result is cleaned.
     */
    public static String resolveWorkingDir(String current, String dir) {
        String joined = dir.startsWith("/") ? dir : (current == null || current.isEmpty() ? "/" : current) + "/" + dir;
        Deque parts = new Deque();
        for (String part : joined.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pop();
            } else {
                parts.push(part);
            }
        }
        return "/" + String.join("/", parts.items);
    }

    private static final class Deque {
        private final List<String> items = new ArrayList<>();

        void push(String s) {
            items.add(s);
        }

        void pop() {
            if (!items.isEmpty()) {
                items.remove(items.size() - 1);
            }
        }
    }

    // ---- JSON ----

    @JsonCreator
    private static ContainerConfig fromJson(@JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts, @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint, @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes, @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels, @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Healthcheck") Healthcheck healthcheck, @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Shell") List<String> shell) {
        Builder b = builder();
        b.user = emptyToNull(user);
        if (exposedPorts != null) {
            exposedPorts.keySet().forEach(b::exposedPort);
        }
        if (env != null) {
            for (String entry : env) {
                int eq = entry.indexOf('=');
                b.env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        b.entrypoint = entrypoint;
        b.cmd = cmd;
        if (volumes != null) {
            b.volumes.addAll(volumes.keySet());
        }
        b.workingDir = emptyToNull(workingDir);
        if (labels != null) {
            labels.forEach((k, v) -> b.labels.put(k, v == null ? "" : v));
        }
        b.stopSignal = emptyToNull(stopSignal);
        b.healthcheck = healthcheck;
        if (onBuild != null) {
            b.onBuild.addAll(onBuild);
        }
        b.shell = shell;
        return b.build();
    }

    @JsonProperty("User")
    private String jsonUser() {
        return user;
    }

    @JsonProperty("ExposedPorts")
    private Map<String, Map<String, Object>> jsonExposedPorts() {
        return emptyObjects(exposedPorts);
    }

    @JsonProperty("Env")
    private List<String> jsonEnv() {
        return env.isEmpty() ? null : envList();
    }

    @JsonProperty("Entrypoint")
    private List<String> jsonEntrypoint() {
        return entrypoint;
    }

    @JsonProperty("Cmd")
    private List<String> jsonCmd() {
        return cmd;
    }

    @JsonProperty("Volumes")
    private Map<String, Map<String, Object>> jsonVolumes() {
        return emptyObjects(volumes);
    }

    @JsonProperty("WorkingDir")
    private String jsonWorkingDir() {
        return workingDir;
    }

    @JsonProperty("Labels")
    private Map<String, String> jsonLabels() {
        return labels.isEmpty() ? null : labels;
    }

    @JsonProperty("StopSignal")
    private String jsonStopSignal() {
        return stopSignal;
    }

    @JsonProperty("Healthcheck")
    private Healthcheck jsonHealthcheck() {
        return healthcheck;
    }

    @JsonProperty("OnBuild")
    private List<String> jsonOnBuild() {
        return onBuild.isEmpty() ? null : onBuild;
    }

    @JsonProperty("Shell")
    private List<String> jsonShell() {
        return shell;
    }

    private static Map<String, Map<String, Object>> emptyObjects(Set<String> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Map<String, Object>> map = new TreeMap<>();
        keys.forEach(k -> map.put(k, Map.of()));
        return map;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerConfig c && Objects.equals(user, c.user) && exposedPorts.equals(c.exposedPorts)
                && env.equals(c.env) && List.copyOf(env.keySet()).equals(List.copyOf(c.env.keySet()))
                && Objects.equals(entrypoint, c.entrypoint) && Objects.equals(cmd, c.cmd) && volumes.equals(c.volumes)
                && Objects.equals(workingDir, c.workingDir) && labels.equals(c.labels) && Objects.equals(stopSignal, c.stopSignal)
                && Objects.equals(healthcheck, c.healthcheck) && onBuild.equals(c.onBuild) && Objects.equals(shell, c.shell);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, healthcheck,
                onBuild, shell);
    }

    @Override
    public String toString() {
        // environment values may hold secrets: names only
        return "ContainerConfig[user=" + user + ", exposedPorts=" + exposedPorts + ", env=" + env.keySet() + ", entrypoint="
                + entrypoint + ", cmd=" + cmd + ", volumes=" + volumes + ", workingDir=" + workingDir + ", labels="
                + labels.keySet() + ", stopSignal=" + stopSignal + ", healthcheck=" + healthcheck + ", onBuild="
                + onBuild.size() + " triggers, shell=" + shell + "]";
    }

    /** Builds a {@link ContainerConfig}; plural setters replace, singular ones add. Not thread-safe. */
    public static final class Builder {
        private String user;
        private final Set<String> exposedPorts = new TreeSet<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<String> entrypoint;
        private List<String> cmd;
        private final Set<String> volumes = new TreeSet<>();
        private String workingDir;
        private final Map<String, String> labels = new TreeMap<>();
        private String stopSignal;
        private Healthcheck healthcheck;
        private final List<String> onBuild = new ArrayList<>();
        private List<String> shell;

        private Builder() {
        }

        /** Sets {@code User}; {@code null} or empty unsets it. */
        public Builder user(String newUser) {
            this.user = emptyToNull(newUser);
            return this;
        }

        /** Adds a port: {@code 8080}, {@code 8080/tcp} or {@code 53/udp} ({@code tcp} when no protocol is given). */
        public Builder exposedPort(String port) {
            exposedPorts.add(normalisePort(port));
            return this;
        }

        /** Replaces the exposed ports. */
        public Builder exposedPorts(Collection<String> ports) {
            exposedPorts.clear();
            ports.forEach(this::exposedPort);
            return this;
        }

        /** Sets one variable, replacing one of the same name in place, else appending it. */
        public Builder env(String name, String value) {
            if (Objects.requireNonNull(name, "name").isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("environment variable name must be non-empty without '=', was '" + name + "'");
            }
            env.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces the environment. */
        public Builder env(Map<String, String> variables) {
            env.clear();
            variables.forEach(this::env);
            return this;
        }

        /** Sets {@code Entrypoint}; {@code null} unsets it. */
        public Builder entrypoint(List<String> newEntrypoint) {
            this.entrypoint = newEntrypoint == null ? null : List.copyOf(newEntrypoint);
            return this;
        }

        /** Sets {@code Cmd}; {@code null} unsets it. */
        public Builder cmd(List<String> newCmd) {
            this.cmd = newCmd == null ? null : List.copyOf(newCmd);
            return this;
        }

        /** Adds a volume path. */
        public Builder volume(String path) {
            if (Objects.requireNonNull(path, "path").isBlank()) {
                throw new IllegalArgumentException("volume path must not be blank");
            }
            volumes.add(path);
            return this;
        }

        /** Replaces the volumes. */
        public Builder volumes(Collection<String> paths) {
            volumes.clear();
            paths.forEach(this::volume);
            return this;
        }

        /** Sets {@code WorkingDir} as given; {@code null} or empty unsets it. */
        public Builder workingDir(String dir) {
            this.workingDir = emptyToNull(dir);
            return this;
        }

        /** Sets one label. */
        public Builder label(String key, String value) {
            if (Objects.requireNonNull(key, "key").isEmpty()) {
                throw new IllegalArgumentException("label key must not be empty");
            }
            labels.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces the labels. */
        public Builder labels(Map<String, String> newLabels) {
            labels.clear();
            newLabels.forEach(this::label);
            return this;
        }

        public Builder stopSignal(String signal) {
            this.stopSignal = emptyToNull(signal);
            return this;
        }

        public Builder healthcheck(Healthcheck newHealthcheck) {
            this.healthcheck = newHealthcheck;
            return this;
        }

        /** Adds an {@code OnBuild} trigger, e.g. {@code COPY . /app}. */
        public Builder onBuild(String trigger) {
            onBuild.add(Objects.requireNonNull(trigger, "trigger"));
            return this;
        }

        /** Replaces the {@code OnBuild} triggers. */
        public Builder onBuild(List<String> triggers) {
            onBuild.clear();
            triggers.forEach(this::onBuild);
            return this;
        }

        /** Sets {@code Shell}; {@code null} unsets it. */
        public Builder shell(List<String> newShell) {
            if (newShell != null && newShell.isEmpty()) {
                throw new IllegalArgumentException("shell must name at least the program");
            }
            this.shell = newShell == null ? null : List.copyOf(newShell);
            return this;
        }

        public ContainerConfig build() {
            return new ContainerConfig(this);
        }

        private static String normalisePort(String port) {
            String p = Objects.requireNonNull(port, "port").strip().toLowerCase(Locale.ROOT);
            int slash = p.indexOf('/');
            String number = slash < 0 ? p : p.substring(0, slash);
            String protocol = slash < 0 ? "tcp" : p.substring(slash + 1);
            if (!number.matches("[0-9]{1,5}") || Integer.parseInt(number) > 65535
                    || !(protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("sctp"))) {
                throw new IllegalArgumentException("'" + port + "' is not a port: use NUMBER[/tcp|/udp|/sctp] with NUMBER 0-65535");
            }
            return Integer.parseInt(number) + "/" + protocol;
        }
    }

    /**
     * Docker's {@code Healthcheck}: a test ({@code ["NONE"]}, {@code ["CMD", ...]} or
     * {@code ["CMD-SHELL", "command"]}) and its timing; durations are written in nanoseconds,
     * zero meaning "inherit / default".
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
            creatorVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
    public static final class Healthcheck {
        private final List<String> test;
        private final Duration interval;
        private final Duration timeout;
        private final Duration startPeriod;
        private final Duration startInterval;
        private final int retries;

        private Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, Duration startInterval,
                int retries) {
            this.test = List.copyOf(test);
            this.interval = nonNegative(interval, "interval");
            this.timeout = nonNegative(timeout, "timeout");
            this.startPeriod = nonNegative(startPeriod, "start period");
            this.startInterval = nonNegative(startInterval, "start interval");
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, was " + retries);
            }
            this.retries = retries;
        }

        /** {@code HEALTHCHECK NONE}: disables a check inherited from the base image. */
        public static Healthcheck none() {
            return new Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
        }

        /**
         * A check; {@code test} starts with {@code CMD} or {@code CMD-SHELL}; zero durations and
         * retries mean Docker's defaults.
         */
        public static Healthcheck of(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                Duration startInterval, int retries) {
            if (test.isEmpty() || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL") || test.get(0).equals("NONE"))) {
                throw new IllegalArgumentException("healthcheck test must start with CMD, CMD-SHELL or NONE, was " + test);
            }
            return new Healthcheck(test, interval, timeout, startPeriod, startInterval, retries);
        }

        @JsonCreator
        private static Healthcheck fromJson(@JsonProperty("Test") List<String> test, @JsonProperty("Interval") Long interval,
                @JsonProperty("Timeout") Long timeout, @JsonProperty("StartPeriod") Long startPeriod,
                @JsonProperty("StartInterval") Long startInterval, @JsonProperty("Retries") Integer retries) {
            return new Healthcheck(test == null ? List.of() : test, nanos(interval), nanos(timeout), nanos(startPeriod),
                    nanos(startInterval), retries == null ? 0 : retries);
        }

        @JsonProperty("Test")
        public List<String> test() {
            return test;
        }

        public Duration interval() {
            return interval;
        }

        public Duration timeout() {
            return timeout;
        }

        public Duration startPeriod() {
            return startPeriod;
        }

        public Duration startInterval() {
            return startInterval;
        }

        @JsonProperty("Retries")
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        public int retries() {
            return retries;
        }

        @JsonProperty("Interval")
        private Long jsonInterval() {
            return nonZeroNanos(interval);
        }

        @JsonProperty("Timeout")
        private Long jsonTimeout() {
            return nonZeroNanos(timeout);
        }

        @JsonProperty("StartPeriod")
        private Long jsonStartPeriod() {
            return nonZeroNanos(startPeriod);
        }

        @JsonProperty("StartInterval")
        private Long jsonStartInterval() {
            return nonZeroNanos(startInterval);
        }

        private static Long nonZeroNanos(Duration d) {
            return d.isZero() ? null : d.toNanos();
        }

        private static Duration nanos(Long n) {
            return n == null ? Duration.ZERO : Duration.ofNanos(n);
        }

        private static Duration nonNegative(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + d);
            }
            return d;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Healthcheck h && test.equals(h.test) && interval.equals(h.interval) && timeout.equals(h.timeout)
                    && startPeriod.equals(h.startPeriod) && startInterval.equals(h.startInterval) && retries == h.retries;
        }

        @Override
        public int hashCode() {
            return Objects.hash(test, interval, timeout, startPeriod, startInterval, retries);
        }

        @Override
        public String toString() {
            return "Healthcheck[test=" + test + ", interval=" + interval + ", timeout=" + timeout + ", startPeriod=" + startPeriod
                    + ", startInterval=" + startInterval + ", retries=" + retries + "]";
        }
    }
}
