package io.github.ecrtoolkit.eks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EksClusters#up} makes: a cluster in EKS Auto Mode (the default: EKS runs the nodes,
 * load balancers and block storage) or with a managed node group of EC2 workers; its Kubernetes
 * version, subnets and IAM role names. Immutable.
 *
 * <pre>{@code
 * EksClusterSpec auto = EksClusterSpec.autoMode("shop").version("1.33").build();
 * EksClusterSpec workers = EksClusterSpec.builder("shop").managedNodeGroup("workers", "t3.medium", 1, 2, 4)
 *         .subnets("subnet-0a1", "subnet-0b2").build();
 * }</pre>
 */
public final class EksClusterSpec {

    private final String name;
    private final String version;
    private final EksNodeGroupSpec nodeGroup;
    private final List<String> subnets;
    private final String clusterRoleName;
    private final String nodeRoleName;
    private final Map<String, String> tags;

    private EksClusterSpec(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.nodeGroup = b.nodeGroup;
        this.subnets = List.copyOf(b.subnets);
        this.clusterRoleName = b.clusterRoleName != null ? b.clusterRoleName : roleName(name, "-eks-cluster");
        this.nodeRoleName = b.nodeRoleName != null ? b.nodeRoleName : roleName(name, "-eks-node");
        this.tags = Map.copyOf(b.tags);
    }

    /** A cluster in EKS Auto Mode; same as {@link #builder(String)}. */
    public static Builder autoMode(String name) {
        return builder(name);
    }

    /** A spec for cluster {@code name}, in Auto Mode unless {@link Builder#managedNodeGroup} is set. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The Kubernetes version; empty means EKS's default. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** Whether EKS Auto Mode runs the nodes (no managed node group). */
    public boolean autoMode() {
        return nodeGroup == null;
    }

    public Optional<EksNodeGroupSpec> nodeGroup() {
        return Optional.ofNullable(nodeGroup);
    }

    /** The subnets given; empty means the default VPC's default subnets. */
    public List<String> subnets() {
        return subnets;
    }

    /** The cluster IAM role's name, created when missing; default {@code <name>-eks-cluster}. */
    public String clusterRoleName() {
        return clusterRoleName;
    }

    /** The node IAM role's name, created when missing; default {@code <name>-eks-node}. */
    public String nodeRoleName() {
        return nodeRoleName;
    }

    /** Extra tags on everything created. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "EksClusterSpec[" + name + (version == null ? "" : " " + version) + ", "
                + (nodeGroup == null ? "Auto Mode" : "node group " + nodeGroup) + ", subnets="
                + (subnets.isEmpty() ? "default VPC" : subnets) + "]";
    }

    /** IAM role names have at most 64 characters. */
    private static String roleName(String cluster, String suffix) {
        String base = cluster.length() + suffix.length() > 64 ? cluster.substring(0, 64 - suffix.length()) : cluster;
        return base + suffix;
    }

    /** Not thread-safe: configure, then {@link #build()}. */
    public static final class Builder {
        private final String name;
        private String version;
        private EksNodeGroupSpec nodeGroup;
        private final List<String> subnets = new ArrayList<>();
        private String clusterRoleName;
        private String nodeRoleName;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = EksTokenProvider.checkClusterName(name);
        }

        /** The Kubernetes version, such as {@code 1.33}; default: EKS's default version. */
        public Builder version(String version) {
            if (version == null || !version.matches("\\d+\\.\\d+")) {
                throw new IllegalArgumentException("a Kubernetes version looks like 1.33, not '" + version + "'");
            }
            this.version = version;
            return this;
        }

        /** Workers in a managed node group instead of Auto Mode. */
        public Builder managedNodeGroup(EksNodeGroupSpec nodeGroup) {
            this.nodeGroup = Objects.requireNonNull(nodeGroup, "nodeGroup");
            return this;
        }

        /** Same as {@link #managedNodeGroup(EksNodeGroupSpec)}. */
        public Builder managedNodeGroup(String name, String instanceType, int minSize, int desiredSize, int maxSize) {
            return managedNodeGroup(new EksNodeGroupSpec(name, instanceType, minSize, desiredSize, maxSize));
        }

        /** Back to Auto Mode (the default). */
        public Builder autoMode() {
            this.nodeGroup = null;
            return this;
        }

        /** The subnets, in at least two Availability Zones; replaces earlier ones. Default: the default VPC's. */
        public Builder subnets(List<String> subnetIds) {
            subnets.clear();
            for (String id : subnetIds) {
                if (id == null || !id.matches("subnet-[0-9a-z]+")) {
                    throw new IllegalArgumentException("a subnet id looks like subnet-0a1b2c3d, not '" + id + "'");
                }
                subnets.add(id);
            }
            return this;
        }

        public Builder subnets(String... subnetIds) {
            return subnets(List.of(subnetIds));
        }

        public Builder clusterRoleName(String roleName) {
            this.clusterRoleName = checkRole(roleName);
            return this;
        }

        public Builder nodeRoleName(String roleName) {
            this.nodeRoleName = checkRole(roleName);
            return this;
        }

        /** Adds a tag to everything created (roles, cluster, node group). */
        public Builder tag(String key, String value) {
            tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException when one subnet is given (EKS needs two Availability Zones) */
        public EksClusterSpec build() {
            if (subnets.size() == 1) {
                throw new IllegalArgumentException("EKS needs subnets in at least two Availability Zones; one subnet given ("
                        + subnets.get(0) + "). Give two or more, or none to use the default VPC's.");
            }
            return new EksClusterSpec(this);
        }

        private static String checkRole(String roleName) {
            if (roleName == null || !roleName.matches("[\\w+=,.@-]{1,64}")) {
                throw new IllegalArgumentException("invalid IAM role name '" + roleName + "': 1 to 64 of letters, digits and +=,.@_-");
            }
            return roleName;
        }
    }
}
