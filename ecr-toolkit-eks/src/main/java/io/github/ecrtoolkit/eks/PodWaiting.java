package io.github.ecrtoolkit.eks;

import java.time.Instant;

/**
 * A container of the new pods is not running, with Kubernetes' reason: {@code ImagePullBackOff},
 * {@code ErrImagePull}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError}, or
 * {@code Unschedulable} for a pod no node can take.
 *
 * @param container the container name; empty for pod-level reasons such as {@code Unschedulable}
 * @param detail Kubernetes' message, possibly with the last exit of a crashing container
 */
public record PodWaiting(Instant time, String pod, String container, String reason, String detail)
        implements EksEvent {

    @Override
    public String message() {
        return "pod " + pod + (container.isEmpty() ? "" : " container " + container) + ": " + reason
                + (detail.isEmpty() ? "" : " - " + detail);
    }
}
