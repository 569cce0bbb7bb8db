package io.github.ecrtoolkit.ecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a service should be: its name and cluster, the capacities its tasks get, its ports, how
 * many tasks, their environment, and how it is reached. {@link EcsServices#up} makes the account
 * match it. Validated when built: a cpu/memory pair Fargate does not offer is refused with the
 * valid values.
 *
 * <pre>{@code
 * EcsServiceSpec orders = EcsServiceSpec.fargate("orders")
 *         .cluster("prod")                                  // created when missing
 *         .cpu(256).memoryMiB(512).architecture(CpuArchitecture.ARM64)
 *         .port(8080).desiredCount(2).env("TZ", "UTC")
 *         .publicIngress(true)                              // opens 8080 on a security group it creates
 *         .build();
 * }</pre>
 *
 * <p>Networking: with no {@link Builder#subnets subnets}, tasks run in the default VPC's default
 * subnets with a public IP, in a security group created for the service that opens the declared
 * ports to everyone only when {@link Builder#publicIngress} is set. With a
 * {@link Builder#targetGroup(String) target group}, the service registers its tasks there and is
 * reached through that target group's load balancer. Immutable and thread-safe.
 */
public final class EcsServiceSpec {

    /** The execution role used (and created when missing) unless another is named; AWS's conventional name. */
    public static final String DEFAULT_EXECUTION_ROLE = "ecsTaskExecutionRole";
    /** The infrastructure role an Express Mode service uses (and creates when missing) unless another is named. */
    public static final String DEFAULT_INFRASTRUCTURE_ROLE = "ecsInfrastructureRoleForExpressServices";
    /** The health-check grace period of a service behind a target group when none is set. */
    public static final int DEFAULT_HEALTH_CHECK_GRACE_SECONDS = 60;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}");
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private final String name;
    private final String cluster;
    private final EcsCapacity capacity;
    private final int cpu;
    private final int memoryMiB;
    private final CpuArchitecture architecture;
    private final List<Integer> ports;
    private final int desiredCount;
    private final Map<String, String> environment;
    private final boolean publicIngress;
    private final List<String> subnets;
    private final List<String> securityGroups;
    private final Boolean assignPublicIp;
    private final String executionRoleName;
    private final int logRetentionDays;
    private final boolean express;
    private final String healthCheckPath;
    private final String infrastructureRoleName;
    private final String targetGroupArn;
    private final Integer targetGroupPort;
    private final Duration healthCheckGracePeriod;

    private EcsServiceSpec(Builder b) {
        this.name = b.name;
        this.cluster = b.cluster;
        this.capacity = b.capacity;
        this.cpu = b.cpu;
        this.memoryMiB = b.memoryMiB;
        this.architecture = b.architecture;
        this.ports = List.copyOf(new LinkedHashSet<>(b.ports));
        this.desiredCount = b.desiredCount;
        this.environment = Map.copyOf(b.environment);
        this.publicIngress = b.publicIngress;
        this.subnets = List.copyOf(b.subnets);
        this.securityGroups = List.copyOf(b.securityGroups);
        this.assignPublicIp = b.assignPublicIp;
        this.executionRoleName = b.executionRoleName;
        this.logRetentionDays = b.logRetentionDays;
        this.express = b.express;
        this.healthCheckPath = b.healthCheckPath;
        this.infrastructureRoleName = b.infrastructureRoleName;
        this.targetGroupArn = b.targetGroupArn;
        this.targetGroupPort = b.targetGroupPort;
        this.healthCheckGracePeriod = b.healthCheckGracePeriod;
    }

    /**
     * A service on Fargate: 256 cpu units and 512 MiB, x86_64, one task, cluster {@code default}.
     *
     * @param name the service's name, also its task definition family and container name
     * @throws IllegalArgumentException when the name is not 1–255 letters, digits, {@code -} or {@code _}
     */
    public static Builder fargate(String name) {
        return new Builder(name, EcsCapacity.FARGATE);
    }

    /**
     * An ECS Express Mode service: ECS adds an Application Load Balancer with an HTTPS URL on
     * {@code *.ecs.<region>.on.aws}, its security groups and auto scaling; you give the image, one
     * container port (default 80), the capacities and a health check path (default {@code /ping}).
     * Defaults: 1024 cpu units, 2048 MiB, one task.
     *
     * <pre>{@code
     * EcsServiceSpec api = EcsServiceSpec.express("orders").port(8080).healthCheckPath("/health").build();
     * ecs.up(api, image).endpoints();   // [https://orders-1a2b3c4d.ecs.eu-west-1.on.aws]
     * }</pre>
     *
     * @throws IllegalArgumentException when the name is not valid
     */
    public static Builder express(String name) {
        Builder builder = new Builder(name, EcsCapacity.FARGATE);
        builder.express = true;
        builder.cpu = 1024;
        builder.memoryMiB = 2048;
        return builder;
    }

    /**
     * A service on the EC2 instances of a cluster that has them ({@code launchType EC2}, {@code awsvpc}
     * networking); the cluster is not created.
     *
     * @throws IllegalArgumentException when the name is not valid
     */
    public static Builder onEc2(String name) {
        return new Builder(name, EcsCapacity.EC2);
    }

    public String name() {
        return name;
    }

    public String cluster() {
        return cluster;
    }

    /** The service this spec describes, for {@link EcsServices#scale}, {@code status} and {@code down}. */
    public EcsService service() {
        return EcsService.of(cluster, name);
    }

    public EcsCapacity capacity() {
        return capacity;
    }

    /** Task cpu units: 1024 is one vCPU. */
    public int cpu() {
        return cpu;
    }

    public int memoryMiB() {
        return memoryMiB;
    }

    public CpuArchitecture architecture() {
        return architecture;
    }

    /** The container's TCP ports, in the order given. */
    public List<Integer> ports() {
        return ports;
    }

    public int desiredCount() {
        return desiredCount;
    }

    /** Environment variables of the container. Values may be secrets: never printed by {@link #toString()}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether the declared ports are opened to everyone on the security group created for the service. */
    public boolean publicIngress() {
        return publicIngress;
    }

    /** The subnets tasks run in; empty means the default VPC's default subnets. */
    public List<String> subnets() {
        return subnets;
    }

    /** The security groups of the tasks; empty means one created for the service. */
    public List<String> securityGroups() {
        return securityGroups;
    }

    /** Whether tasks get a public IP: as set, else yes in the default VPC and no in the caller's subnets. */
    public boolean assignPublicIp() {
        return assignPublicIp != null ? assignPublicIp : subnets.isEmpty();
    }

    /** The task execution role's name: pulls the image and writes the logs. Created when missing. */
    public String executionRoleName() {
        return executionRoleName;
    }

    /** The log group {@code /ecs/<name>} the container writes to. */
    public String logGroup() {
        return "/ecs/" + name;
    }

    public int logRetentionDays() {
        return logRetentionDays;
    }

    /** Whether this is an Express Mode service ({@link #express(String)}). */
    public boolean express() {
        return express;
    }

    /** The path the Express Mode load balancer checks; {@code /ping} unless set. */
    public String healthCheckPath() {
        return healthCheckPath;
    }

    /** The infrastructure role of an Express Mode service; created when missing. */
    public String infrastructureRoleName() {
        return infrastructureRoleName;
    }

    /**
     * The target group the service's tasks register in, with the container port it sends traffic to;
     * empty when the service has no load balancer (then it is reached at its tasks' addresses).
     */
    public Optional<EcsTargetGroup> targetGroup() {
        return targetGroupArn == null ? Optional.empty()
                : Optional.of(new EcsTargetGroup(targetGroupArn, targetGroupPort != null ? targetGroupPort : ports.get(0)));
    }

    /**
     * How long the load balancer's failing health checks are ignored after a task starts, so that an
     * application still starting is not stopped and replaced: the one set, else
     * {@value #DEFAULT_HEALTH_CHECK_GRACE_SECONDS} seconds, as Copilot's default. Empty without a
     * target group, where ECS has no such setting.
     */
    public Optional<Duration> healthCheckGracePeriod() {
        if (targetGroupArn == null) {
            return Optional.empty();
        }
        return Optional.of(healthCheckGracePeriod != null ? healthCheckGracePeriod : Duration.ofSeconds(DEFAULT_HEALTH_CHECK_GRACE_SECONDS));
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, capacity);
        b.cluster = cluster;
        b.cpu = cpu;
        b.memoryMiB = memoryMiB;
        b.architecture = architecture;
        b.ports.addAll(ports);
        b.desiredCount = desiredCount;
        b.environment.putAll(environment);
        b.publicIngress = publicIngress;
        b.subnets.addAll(subnets);
        b.securityGroups.addAll(securityGroups);
        b.assignPublicIp = assignPublicIp;
        b.executionRoleName = executionRoleName;
        b.logRetentionDays = logRetentionDays;
        b.express = express;
        b.healthCheckPath = healthCheckPath;
        b.infrastructureRoleName = infrastructureRoleName;
        b.targetGroupArn = targetGroupArn;
        b.targetGroupPort = targetGroupPort;
        b.healthCheckGracePeriod = healthCheckGracePeriod;
        return b;
    }

    @Override
    public String toString() {
        // environment values may be secrets: names only
        return "EcsServiceSpec[" + cluster + "/" + name + ", " + (express ? "EXPRESS" : capacity) + " " + cpu + " cpu/" + memoryMiB + " MiB "
                + architecture + ", ports " + ports + ", count " + desiredCount + ", env " + new TreeMap<>(environment).keySet()
                + (publicIngress ? ", public" : "") + (targetGroupArn != null ? ", target group " + targetGroupArn : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcsServiceSpec s && name.equals(s.name) && cluster.equals(s.cluster) && capacity == s.capacity
                && cpu == s.cpu && memoryMiB == s.memoryMiB && architecture == s.architecture && ports.equals(s.ports)
                && desiredCount == s.desiredCount && environment.equals(s.environment) && publicIngress == s.publicIngress
                && subnets.equals(s.subnets) && securityGroups.equals(s.securityGroups)
                && Objects.equals(assignPublicIp, s.assignPublicIp) && executionRoleName.equals(s.executionRoleName)
                && logRetentionDays == s.logRetentionDays && express == s.express && healthCheckPath.equals(s.healthCheckPath)
                && infrastructureRoleName.equals(s.infrastructureRoleName) && Objects.equals(targetGroupArn, s.targetGroupArn)
                && Objects.equals(targetGroupPort, s.targetGroupPort) && Objects.equals(healthCheckGracePeriod, s.healthCheckGracePeriod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, cluster, capacity, cpu, memoryMiB, architecture, ports, desiredCount, environment);
    }

    /** Not thread-safe; the spec it builds is. */
    public static final class Builder {
        private final String name;
        private String cluster = "default";
        private EcsCapacity capacity;
        private int cpu = 256;
        private int memoryMiB = 512;
        private CpuArchitecture architecture = CpuArchitecture.X86_64;
        private final List<Integer> ports = new ArrayList<>();
        private int desiredCount = 1;
        private final Map<String, String> environment = new TreeMap<>();
        private boolean publicIngress;
        private final List<String> subnets = new ArrayList<>();
        private final List<String> securityGroups = new ArrayList<>();
        private Boolean assignPublicIp;
        private String executionRoleName = DEFAULT_EXECUTION_ROLE;
        private int logRetentionDays = 30;
        private boolean express;
        private String healthCheckPath = "/ping";
        private String infrastructureRoleName = DEFAULT_INFRASTRUCTURE_ROLE;
        private String targetGroupArn;
        private Integer targetGroupPort;
        private Duration healthCheckGracePeriod;

        private Builder(String name, EcsCapacity capacity) {
            this.name = checkName(name, "service name");
            this.capacity = capacity;
        }

        /** The cluster's name; created (for Fargate) when missing. Default {@code default}. */
        public Builder cluster(String cluster) {
            this.cluster = checkName(cluster, "cluster name");
            return this;
        }

        /** Task cpu units (1024 = 1 vCPU); on Fargate one of 256, 512, 1024, 2048, 4096, 8192, 16384. Default 256. */
        public Builder cpu(int cpu) {
            this.cpu = cpu;
            return this;
        }

        /** Task memory in MiB; on Fargate it must fit the cpu (256 takes 512, 1024 or 2048). Default 512. */
        public Builder memoryMiB(int memoryMiB) {
            this.memoryMiB = memoryMiB;
            return this;
        }

        /** The architecture the image is built for. Default {@link CpuArchitecture#X86_64}. */
        public Builder architecture(CpuArchitecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /** Runs on Fargate Spot (cheaper, may be interrupted) rather than on-demand Fargate. */
        public Builder spot(boolean spot) {
            if (capacity == EcsCapacity.EC2 && spot) {
                throw new IllegalArgumentException("spot is a Fargate option; this service runs on the cluster's EC2 instances");
            }
            if (express && spot) {
                throw new IllegalArgumentException("an Express Mode service runs on on-demand Fargate; spot is not offered");
            }
            if (capacity != EcsCapacity.EC2) {
                this.capacity = spot ? EcsCapacity.FARGATE_SPOT : EcsCapacity.FARGATE;
            }
            return this;
        }

        /** Adds a TCP port the container listens on. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port is between 1 and 65535, was " + port);
            }
            ports.add(port);
            return this;
        }

        /** Replaces the ports. */
        public Builder ports(List<Integer> ports) {
            this.ports.clear();
            ports.forEach(this::port);
            return this;
        }

        /** How many tasks run. Default 1. */
        public Builder desiredCount(int desiredCount) {
            if (desiredCount < 0) {
                throw new IllegalArgumentException("desiredCount must be >= 0, was " + desiredCount);
            }
            this.desiredCount = desiredCount;
            return this;
        }

        /** Sets one environment variable of the container. */
        public Builder env(String name, String value) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("an environment variable needs a name");
            }
            environment.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces the environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment.clear();
            environment.forEach(this::env);
            return this;
        }

        /** Opens the ports to everyone (0.0.0.0/0) on the security group created for the service. Default off. */
        public Builder publicIngress(boolean publicIngress) {
            this.publicIngress = publicIngress;
            return this;
        }

        /** Runs tasks in these subnets instead of the default VPC's; then name the security groups too. */
        public Builder subnets(List<String> subnetIds) {
            this.subnets.clear();
            this.subnets.addAll(subnetIds);
            return this;
        }

        /** Puts tasks in these security groups instead of one created for the service. */
        public Builder securityGroups(List<String> securityGroupIds) {
            this.securityGroups.clear();
            this.securityGroups.addAll(securityGroupIds);
            return this;
        }

        /** Whether tasks get a public IP (needs subnets routed to an internet gateway). Default: yes in the default VPC. */
        public Builder assignPublicIp(boolean assignPublicIp) {
            this.assignPublicIp = assignPublicIp;
            return this;
        }

        /** Uses (or creates) the execution role with this name. Default {@value EcsServiceSpec#DEFAULT_EXECUTION_ROLE}. */
        public Builder executionRoleName(String roleName) {
            if (roleName == null || !roleName.matches("[\\w+=,.@-]{1,64}")) {
                throw new IllegalArgumentException("an IAM role name is 1-64 of letters, digits and +=,.@_-, was '" + roleName + "'");
            }
            this.executionRoleName = roleName;
            return this;
        }

        /** Days the log group keeps events; one of CloudWatch's values (1, 3, 5, 7, 14, 30, 60, 90, …). Default 30. */
        public Builder logRetentionDays(int days) {
            if (!RETENTION_DAYS.contains(days)) {
                throw new IllegalArgumentException("CloudWatch Logs keeps events for one of " + new java.util.TreeSet<>(RETENTION_DAYS)
                        + " days, not " + days);
            }
            this.logRetentionDays = days;
            return this;
        }

        /** Express Mode: the path its load balancer checks for health. Default {@code /ping}. */
        public Builder healthCheckPath(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a health check path starts with '/', was '" + path + "'");
            }
            this.healthCheckPath = path;
            return this;
        }

        /** Express Mode: uses (or creates) the infrastructure role with this name. */
        public Builder infrastructureRoleName(String roleName) {
            if (roleName == null || !roleName.matches("[\\w+=,.@-]{1,64}")) {
                throw new IllegalArgumentException("an IAM role name is 1-64 of letters, digits and +=,.@_-, was '" + roleName + "'");
            }
            this.infrastructureRoleName = roleName;
            return this;
        }

        /**
         * @throws IllegalArgumentException when Fargate has no such cpu/memory pair (the message lists the
         *         memory values for the cpu asked), ARM64 is asked on Fargate Spot, public ingress is asked
         *         with the caller's own security groups, or subnets are given without security groups
         */
        /**
         * Registers the tasks in this target group (target type {@code ip}, attached to a load balancer),
         * for the first declared port; the endpoints become {@code http(s)://<load balancer DNS name>:<listener port>}.
         * {@code up} checks that it exists before creating anything. A service that has another target
         * group is moved to this one.
         *
         * <pre>{@code
         * EcsServiceSpec.fargate("orders").port(8080)
         *         .targetGroup("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/0123456789abcdef")
         *         .build();
         * }</pre>
         *
         * @throws IllegalArgumentException when the ARN is not a target group's
         */
        public Builder targetGroup(String targetGroupArn) {
            this.targetGroupArn = new EcsTargetGroup(targetGroupArn, 1).arn();
            this.targetGroupPort = null;
            return this;
        }

        /**
         * As {@link #targetGroup(String)}, for one of several declared ports.
         *
         * @throws IllegalArgumentException when the ARN is not a target group's or the port is out of range
         */
        public Builder targetGroup(String targetGroupArn, int containerPort) {
            this.targetGroupArn = new EcsTargetGroup(targetGroupArn, containerPort).arn();
            this.targetGroupPort = containerPort;
            return this;
        }

        /**
         * How long, after a task starts, the load balancer's failing health checks are ignored (ECS's
         * {@code healthCheckGracePeriodSeconds}); default {@value EcsServiceSpec#DEFAULT_HEALTH_CHECK_GRACE_SECONDS}
         * seconds with a {@link #targetGroup(String) target group}. A JVM service that takes longer
         * to answer its health check needs more, or ECS stops and replaces its tasks as unhealthy.
         *
         * <pre>{@code
         * EcsServiceSpec.fargate("orders").port(8080).targetGroup(arn).healthCheckGracePeriod(Duration.ofMinutes(2)).build();
         * }</pre>
         *
         * @throws IllegalArgumentException when negative, not whole seconds, or beyond ECS's limit
         *                                  (2,147,483,647 seconds); {@link #build()} refuses it without a target group
         */
        public Builder healthCheckGracePeriod(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.getNano() != 0 || period.getSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a health-check grace period is whole seconds from 0 to " + Integer.MAX_VALUE
                        + ", was " + period);
            }
            this.healthCheckGracePeriod = period;
            return this;
        }

        public EcsServiceSpec build() {
            if (capacity == EcsCapacity.EC2) {
                if (cpu < 128 || memoryMiB < 128) {
                    throw new IllegalArgumentException("an EC2 task needs at least 128 cpu units and 128 MiB, was " + cpu
                            + " cpu/" + memoryMiB + " MiB");
                }
            } else {
                FargateSizes.check(cpu, memoryMiB);
            }
            if (capacity == EcsCapacity.FARGATE_SPOT && architecture == CpuArchitecture.ARM64) {
                throw new IllegalArgumentException("Fargate Spot does not run ARM64 tasks; use spot(false) or X86_64");
            }
            if (express) {
                if (ports.size() > 1) {
                    throw new IllegalArgumentException("an Express Mode service has one container port behind its load "
                            + "balancer, not " + ports);
                }
                if (publicIngress) {
                    throw new IllegalArgumentException("an Express Mode service is reached through the HTTPS URL of its own "
                            + "load balancer; drop publicIngress");
                }
                if (desiredCount < 1) {
                    throw new IllegalArgumentException("an Express Mode service runs at least one task");
                }
                if (targetGroupArn != null || healthCheckGracePeriod != null) {
                    throw new IllegalArgumentException("an Express Mode service makes its own load balancer; drop targetGroup "
                            + "and healthCheckGracePeriod, or use EcsServiceSpec.fargate(..) to attach yours");
                }
                return new EcsServiceSpec(this);
            }
            if (publicIngress && !securityGroups.isEmpty()) {
                throw new IllegalArgumentException("publicIngress opens the ports on a security group created for the "
                        + "service; with your own securityGroups " + securityGroups + ", open the ports in them yourself");
            }
            if (publicIngress && ports.isEmpty()) {
                throw new IllegalArgumentException("publicIngress opens the declared ports: add at least one port(..)");
            }
            if (healthCheckGracePeriod != null && targetGroupArn == null) {
                throw new IllegalArgumentException("a health-check grace period applies to the health checks of a load balancer: "
                        + "add targetGroup(..), or drop healthCheckGracePeriod");
            }
            if (targetGroupArn != null && ports.isEmpty()) {
                throw new IllegalArgumentException("a target group sends traffic to a container port: add port(..)");
            }
            if (targetGroupPort != null && !ports.contains(targetGroupPort)) {
                throw new IllegalArgumentException("the target group's port " + targetGroupPort + " is not one of the declared ports "
                        + ports + "; add port(" + targetGroupPort + ")");
            }
            if (!subnets.isEmpty() && securityGroups.isEmpty()) {
                throw new IllegalArgumentException("with your own subnets, name the security groups too: "
                        + "securityGroups(List.of(\"sg-...\"))");
            }
            return new EcsServiceSpec(this);
        }

        private static String checkName(String value, String what) {
            if (value == null || !NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("a " + what + " is 1-255 letters, digits, '-' or '_', starting with a "
                        + "letter or digit; was '" + value + "'");
            }
            return value;
        }
    }
}
