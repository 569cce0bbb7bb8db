package io.github.ecrtoolkit.eks;

import io.github.ecrtoolkit.core.deploy.DeployEvent;

/**
 * What the EKS deployer reports while it works. Switch over the subtypes to react to one kind:
 *
 * <pre>{@code
 * DeployListener listener = e -> {
 *     if (e instanceof PodWaiting w && w.reason().equals("ImagePullBackOff")) alert(w.message());
 * };
 * }</pre>
 */
public sealed interface EksEvent extends DeployEvent
        permits RolloutStarted, RolloutProgress, PodWaiting, KubernetesEvent, RollbackStarted, StatusUnreadable,
        ClusterProgress, JobProgress, PlatformCheckSkipped {
}
