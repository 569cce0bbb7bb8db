package io.github.ecrtoolkit.eks;

/**
 * Why a pod of the rollout did not run, the last time the deployer looked.
 *
 * @param container empty for pod-level problems such as {@code Unschedulable}
 * @param reason Kubernetes' reason, e.g. {@code ImagePullBackOff}
 * @param detail Kubernetes' message
 */
public record PodProblem(String pod, String container, String reason, String detail) {

    @Override
    public String toString() {
        return pod + (container.isEmpty() ? "" : "/" + container) + ": " + reason + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
