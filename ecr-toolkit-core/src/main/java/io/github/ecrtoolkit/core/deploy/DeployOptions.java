package io.github.ecrtoolkit.core.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one deploy that every {@link Deployer} understands. Platform-specific settings live
 * on the deployer's own builder.
 *
 * <pre>{@code
 * deployer.deploy(target, image, opts -> opts.container("web").timeout(Duration.ofMinutes(10)));
 * }</pre>
 */
public final class DeployOptions {

    /** Default limit for a rollout to settle. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private final List<String> containers;
    private final Duration timeout;
    private final boolean rollbackOnFailure;
    private final Map<String, String> environment;
    private final DeployListener listener;

    private DeployOptions(Builder builder) {
        this.containers = List.copyOf(builder.containers);
        this.timeout = builder.timeout;
        this.rollbackOnFailure = builder.rollbackOnFailure;
        this.environment = Map.copyOf(builder.environment);
        this.listener = builder.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: the only container, {@link #DEFAULT_TIMEOUT}, no rollback by us, no listener. */
    public static DeployOptions defaults() {
        return builder().build();
    }

    /** Names of the containers whose image is replaced; empty means "the only container". */
    public List<String> containers() {
        return containers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether the deployer itself rolls back a failed rollout (and waits for that too). */
    public boolean rollbackOnFailure() {
        return rollbackOnFailure;
    }

    /** Environment variables to set (or replace) in the chosen containers. */
    public Map<String, String> environment() {
        return environment;
    }

    public DeployListener listener() {
        return listener;
    }

    /** Copies these options into a new builder. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.containers.addAll(containers);
        builder.timeout = timeout;
        builder.rollbackOnFailure = rollbackOnFailure;
        builder.environment.putAll(environment);
        builder.listener = listener;
        return builder;
    }

    @Override
    public String toString() {
        // environment values may be secrets: names only
        return "DeployOptions[containers=" + containers + ", timeout=" + timeout + ", rollbackOnFailure="
                + rollbackOnFailure + ", environment=" + environment.keySet() + "]";
    }

    /** Not thread-safe: build one per deploy. */
    public static final class Builder {
        private final List<String> containers = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean rollbackOnFailure;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private DeployListener listener = DeployListener.NONE;

        private Builder() {
        }

        /** Adds a container whose image is replaced. */
        public Builder container(String name) {
            containers.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Replaces the containers whose image is replaced. */
        public Builder containers(List<String> names) {
            containers.clear();
            names.forEach(this::container);
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder rollbackOnFailure(boolean rollbackOnFailure) {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        /** Sets (or replaces) one environment variable in the chosen containers. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder listener(DeployListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public DeployOptions build() {
            return new DeployOptions(this);
        }
    }
}
