package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployListener;

/**
 * Options of a one-off task run by {@link EcsDeployer#runTask}: which container gets the image,
 * its command and environment overrides, and how long to wait for it to stop.
 *
 * <pre>{@code
 * deployer.runTask(service, image, task -> task.container("web").command("bin/migrate", "--yes")
 *         .timeout(Duration.ofMinutes(5)));
 * }</pre>
 */
public final class EcsTaskOptions {

    /** Default limit for a one-off task to stop. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final String container;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final DeployListener listener;

    private EcsTaskOptions(Builder builder) {
        this.container = builder.container;
        this.command = List.copyOf(builder.command);
        this.environment = Map.copyOf(builder.environment);
        this.timeout = builder.timeout;
        this.listener = builder.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The container that gets the image and the overrides; empty means "the only container". */
    public Optional<String> container() {
        return Optional.ofNullable(container);
    }

    /** The command override; empty keeps the task definition's command. */
    public List<String> command() {
        return command;
    }

    /** Environment overrides for this run only. */
    public Map<String, String> environment() {
        return environment;
    }

    public Duration timeout() {
        return timeout;
    }

    public DeployListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        // environment values may be secrets: names only
        return "EcsTaskOptions[container=" + container + ", command=" + command + ", environment="
                + environment.keySet() + ", timeout=" + timeout + "]";
    }

    /** Not thread-safe: build one per run. */
    public static final class Builder {
        private String container;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private DeployListener listener = DeployListener.NONE;

        private Builder() {
        }

        public Builder container(String name) {
            this.container = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Replaces the command override. */
        public Builder command(String... command) {
            return command(List.of(command));
        }

        /** Replaces the command override. */
        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder listener(DeployListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EcsTaskOptions build() {
            return new EcsTaskOptions(this);
        }
    }
}
