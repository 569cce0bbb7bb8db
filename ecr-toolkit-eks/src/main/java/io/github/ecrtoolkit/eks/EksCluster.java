package io.github.ecrtoolkit.eks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;

/**
 * An ACTIVE EKS cluster as {@link EksClusters#up} left it: where its API is, how it is run, and
 * what this call changed (nothing on a second run).
 *
 * <pre>{@code
 * EksCluster cluster = clusters.up(spec);
 * cluster.changes().forEach(System.out::println);   // "created IAM role shop-eks-cluster", "created cluster shop", ...
 * clusters.writeKubeconfig(cluster, kubeconfig);
 * }</pre>
 *
 * @param name the cluster name
 * @param arn its ARN
 * @param region its AWS region
 * @param version the Kubernetes version
 * @param status EKS's status ({@code ACTIVE} after {@code up})
 * @param endpoint the Kubernetes API URL
 * @param certificateAuthority the cluster CA, base64 PEM as EKS gives it (public data)
 * @param autoMode whether EKS Auto Mode runs the nodes
 * @param authenticationMode {@code API}, {@code API_AND_CONFIG_MAP} or {@code CONFIG_MAP}
 * @param nodeGroups its managed node groups ({@link EksClusters#up}: the one its spec manages; {@link EksClusters#find}: all)
 * @param changes what this call created or changed, in order; empty when it found everything in place
 * @param events what was observed on the way, oldest first
 * @param elapsed from the first call to the result
 */
public record EksCluster(String name, String arn, String region, String version, String status, String endpoint,
        String certificateAuthority, boolean autoMode, String authenticationMode, List<EksNodeGroup> nodeGroups,
        List<String> changes, List<DeployEvent> events, Duration elapsed) {

    public EksCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        nodeGroups = List.copyOf(nodeGroups);
        changes = List.copyOf(changes);
        events = List.copyOf(events);
    }

    /** The node group with this name. */
    public Optional<EksNodeGroup> nodeGroup(String name) {
        return nodeGroups.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "EksCluster[" + name + " " + status + " " + version + " in " + region + (autoMode ? ", Auto Mode" : "")
                + ", nodeGroups=" + nodeGroups.stream().map(EksNodeGroup::name).toList() + ", changes=" + changes.size() + "]";
    }
}
