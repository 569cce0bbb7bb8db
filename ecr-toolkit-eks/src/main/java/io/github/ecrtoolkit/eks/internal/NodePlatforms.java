package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.deploy.PlatformMismatchException;
import io.github.ecrtoolkit.core.deploy.internal.PlatformLookup;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.eks.EksWorkload;

/**
 * Before a deploy patches anything: the image must run on every node the workload's pods may land on
 * (the nodes its {@code nodeSelector} allows, by their {@code kubernetes.io/os} and
 * {@code kubernetes.io/arch} labels), or on the architecture the {@code nodeSelector} names.
 */
public final class NodePlatforms {

    static final String ARCH = "kubernetes.io/arch";
    static final String OS = "kubernetes.io/os";

    private NodePlatforms() {
    }

    /**
     * Nothing is checked when the image's platforms are not known, or neither the selector nor any
     * visible node says a platform (no nodes yet, or no permission to list them).
     *
     * @param skipped hears why, when the image's platforms could not be read (the check is then skipped)
     * @throws PlatformMismatchException when a node the pods may run on has a platform the image lacks
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the lookup refuses the image (it does not exist)
     */
    public static void require(KubernetesClient k8s, String cluster, EksWorkload workload, HasMetadata current, String image,
                               ImagePlatforms lookup, Consumer<String> skipped) {
        List<Platform> imagePlatforms = PlatformLookup.platformsOrSkip(lookup, image, skipped);
        if (imagePlatforms.isEmpty()) {
            return;
        }
        Map<String, String> selector = Optional.ofNullable(Workloads.template(current).getSpec().getNodeSelector()).orElse(Map.of());
        List<Platform> targets = new ArrayList<>();
        String where;
        if (selector.containsKey(ARCH)) {
            targets.add(new Platform(selector.getOrDefault(OS, "linux"), selector.get(ARCH), Optional.empty()));
            where = workload.displayName() + " (nodeSelector " + ARCH + "=" + selector.get(ARCH) + ")";
        } else {
            TreeSet<String> archs = new TreeSet<>();
            for (Node node : eligibleNodes(k8s, selector)) {
                Map<String, String> labels = Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
                if (labels.containsKey(ARCH)) {
                    Platform p = new Platform(labels.getOrDefault(OS, "linux"), labels.get(ARCH), Optional.empty());
                    if (!targets.contains(p)) {
                        targets.add(p);
                    }
                    archs.add(labels.get(ARCH));
                }
            }
            where = (cluster == null ? "the cluster" : "EKS cluster " + cluster) + "'s nodes for " + workload.displayName()
                    + " (" + ARCH + ": " + String.join(", ", archs) + ")";
        }
        PlatformMismatchException.requireRuns(image, imagePlatforms, where, targets);
    }

    private static List<Node> eligibleNodes(KubernetesClient k8s, Map<String, String> selector) {
        try {
            return k8s.nodes().withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                return List.of(); // nodes are cluster-scoped; a namespaced deployer may not see them
            }
            throw e;
        }
    }
}
