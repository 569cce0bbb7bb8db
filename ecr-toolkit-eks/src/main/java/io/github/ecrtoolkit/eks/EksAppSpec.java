package io.github.ecrtoolkit.eks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app to run on Kubernetes without writing a manifest: {@link EksDeployer#up} generates its
 * Deployment (replicas, requests and limits, environment, probes) and, when it has ports, its
 * Service (ClusterIP, or LoadBalancer when public). Immutable.
 *
 * <pre>{@code
 * EksAppSpec web = EksAppSpec.of("shop", "web").port(8080).replicas(2)
 *         .cpu("250m").memory("512Mi").env("MODE", "prod").httpProbe("/health").publicService(true).build();
 * }</pre>
 */
public final class EksAppSpec {

    private final String namespace;
    private final String name;
    private final List<Integer> ports;
    private final int replicas;
    private final String cpu;
    private final String memory;
    private final String cpuLimit;
    private final Map<String, String> env;
    private final String probePath;
    private final boolean publicService;

    private EksAppSpec(Builder b) {
        this.namespace = b.namespace;
        this.name = b.name;
        this.ports = List.copyOf(b.ports);
        this.replicas = b.replicas;
        this.cpu = b.cpu;
        this.memory = b.memory;
        this.cpuLimit = b.cpuLimit;
        this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.probePath = b.probePath;
        this.publicService = b.publicService;
    }

    /** An app {@code name} in {@code namespace}; its Deployment, Service and container share the name. */
    public static Builder of(String namespace, String name) {
        return new Builder(namespace, name);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The container ports the Service exposes (same port number outside); empty means no Service. */
    public List<Integer> ports() {
        return ports;
    }

    public int replicas() {
        return replicas;
    }

    /** CPU request, such as {@code 250m}. */
    public Optional<String> cpu() {
        return Optional.ofNullable(cpu);
    }

    /** Memory request and limit, such as {@code 512Mi}. */
    public Optional<String> memory() {
        return Optional.ofNullable(memory);
    }

    /** CPU limit; none by default, so the app may burst. */
    public Optional<String> cpuLimit() {
        return Optional.ofNullable(cpuLimit);
    }

    /** Environment variables of the container, in order. */
    public Map<String, String> env() {
        return env;
    }

    /** The HTTP path of the readiness and liveness probes, on the first port. */
    public Optional<String> probePath() {
        return Optional.ofNullable(probePath);
    }

    /** Whether the Service is a LoadBalancer reachable from outside the cluster. */
    public boolean publicService() {
        return publicService;
    }

    /** The Deployment this app runs as. */
    public EksWorkload workload() {
        return EksWorkload.deployment(namespace, name);
    }

    @Override
    public String toString() {
        // environment values may be secrets: names only
        return "EksAppSpec[" + namespace + "/" + name + " replicas=" + replicas + " ports=" + ports
                + (publicService ? " public" : "") + " env=" + env.keySet() + "]";
    }

    /** Not thread-safe: configure, then {@link #build()}. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private final List<Integer> ports = new ArrayList<>();
        private int replicas = 1;
        private String cpu;
        private String memory;
        private String cpuLimit;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String probePath;
        private boolean publicService;

        private Builder(String namespace, String name) {
            EksWorkload checked = EksWorkload.deployment(namespace, name);
            if (name.length() > 63 || name.contains(".")) {
                throw new IllegalArgumentException("an app name is also a Service name: at most 63 lower-case letters, "
                        + "digits and '-', not '" + name + "'");
            }
            this.namespace = checked.namespace();
            this.name = checked.name();
        }

        /** Adds a container port, exposed by the Service on the same number. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port is 1 to 65535, not " + port);
            }
            if (!ports.contains(port)) {
                ports.add(port);
            }
            return this;
        }

        public Builder replicas(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("replicas must not be negative, was " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** CPU request in Kubernetes units: {@code 250m}, {@code 1}. */
        public Builder cpu(String cpu) {
            this.cpu = Quantities.check("cpu", cpu);
            return this;
        }

        /** Memory request and limit in Kubernetes units: {@code 512Mi}, {@code 2Gi}. */
        public Builder memory(String memory) {
            this.memory = Quantities.check("memory", memory);
            return this;
        }

        public Builder cpuLimit(String cpuLimit) {
            this.cpuLimit = Quantities.check("cpu limit", cpuLimit);
            return this;
        }

        /** Sets (or replaces) one environment variable. */
        public Builder env(String name, String value) {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
            }
            env.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Readiness and liveness by HTTP GET of {@code path} on the first port. */
        public Builder httpProbe(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a probe path starts with '/', not '" + path + "'");
            }
            this.probePath = path;
            return this;
        }

        /** A LoadBalancer Service (EKS Auto Mode or the AWS Load Balancer Controller makes the NLB). */
        public Builder publicService(boolean publicService) {
            this.publicService = publicService;
            return this;
        }

        /** @throws IllegalArgumentException when a public Service or a probe is asked for without a port */
        public EksAppSpec build() {
            if (ports.isEmpty() && (publicService || probePath != null)) {
                throw new IllegalArgumentException("app " + name + ": a public Service or an HTTP probe needs a port(..)");
            }
            return new EksAppSpec(this);
        }
    }
}
