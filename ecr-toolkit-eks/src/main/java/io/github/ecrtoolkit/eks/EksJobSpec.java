package io.github.ecrtoolkit.eks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployListener;

/**
 * A one-off task for {@link EksDeployer#runJob}: a Kubernetes Job running the image with a command,
 * waited for. Built through the {@code Consumer<EksJobSpec.Builder>} that {@code runJob} takes.
 *
 * <pre>{@code
 * EksJobResult job = deployer.runJob("shop", image, j -> j.command("bin/migrate", "--to", "42")
 *         .memory("1Gi").activeDeadline(Duration.ofMinutes(10)));
 * }</pre>
 *
 * @param name the Job's name
 * @param command the container's command (its entrypoint); empty keeps the image's
 * @param args the container's arguments; empty keeps the image's
 * @param env environment variables
 * @param cpu CPU request, if any
 * @param memory memory request and limit, if any
 * @param backoffLimit retries after a failed pod (default 0: a failure is final)
 * @param activeDeadline how long Kubernetes lets the Job run before killing it ({@code DeadlineExceeded})
 * @param timeout how long {@code runJob} waits for it
 * @param logLines how many of the last log lines the result carries
 * @param listener told each step
 */
public record EksJobSpec(String name, List<String> command, List<String> args, Map<String, String> env,
        Optional<String> cpu, Optional<String> memory, int backoffLimit, Optional<Duration> activeDeadline,
        Duration timeout, int logLines, DeployListener listener) {

    public EksJobSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(activeDeadline, "activeDeadline");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String toString() {
        // arguments and environment values may carry secrets
        String program = command.isEmpty() ? "(the image's)" : command.get(0) + " (+" + (command.size() - 1 + args.size())
                + " arguments)";
        return "EksJobSpec[" + name + " command=" + program + " env=" + env.keySet() + " timeout=" + timeout + "]";
    }

    /** Not thread-safe. */
    public static final class Builder {
        private String name;
        private final List<String> command = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String cpu;
        private String memory;
        private int backoffLimit;
        private Duration activeDeadline;
        private Duration timeout = Duration.ofMinutes(15);
        private int logLines = 20;
        private DeployListener listener = DeployListener.NONE;

        Builder(String defaultName) {
            this.name = defaultName;
        }

        /** The Job's name; default {@code job-<time>-<random>}. */
        public Builder name(String name) {
            if (name == null || !name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("invalid Job name '" + name + "': at most 63 lower-case letters, digits and '-'");
            }
            this.name = name;
            return this;
        }

        /** The command to run instead of the image's entrypoint, such as {@code bin/migrate}. */
        public Builder command(String... command) {
            this.command.clear();
            this.command.addAll(List.of(command));
            return this;
        }

        /** Arguments instead of the image's {@code CMD}. */
        public Builder args(String... args) {
            this.args.clear();
            this.args.addAll(List.of(args));
            return this;
        }

        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder cpu(String cpu) {
            this.cpu = Quantities.check("cpu", cpu);
            return this;
        }

        public Builder memory(String memory) {
            this.memory = Quantities.check("memory", memory);
            return this;
        }

        public Builder backoffLimit(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("backoffLimit must not be negative, was " + retries);
            }
            this.backoffLimit = retries;
            return this;
        }

        /** Kubernetes kills the Job after this long ({@code activeDeadlineSeconds}). */
        public Builder activeDeadline(Duration deadline) {
            if (deadline.toSeconds() < 1) {
                throw new IllegalArgumentException("activeDeadline must be at least a second, was " + deadline);
            }
            this.activeDeadline = deadline;
            return this;
        }

        /** How long {@code runJob} waits; default 15 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.positive("timeout", timeout);
            return this;
        }

        /** How many last log lines the result carries; default 20. */
        public Builder logLines(int lines) {
            if (lines < 0 || lines > 10_000) {
                throw new IllegalArgumentException("logLines must be 0 to 10000, was " + lines);
            }
            this.logLines = lines;
            return this;
        }

        public Builder listener(DeployListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EksJobSpec build() {
            return new EksJobSpec(name, command, args, env, Optional.ofNullable(cpu), Optional.ofNullable(memory),
                    backoffLimit, Optional.ofNullable(activeDeadline), timeout, logLines, listener);
        }
    }
}
