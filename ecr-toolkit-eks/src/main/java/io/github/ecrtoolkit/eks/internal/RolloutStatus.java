package io.github.ecrtoolkit.eks.internal;

import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/**
 * kubectl's {@code rollout status} rules, as a pure function of one object read from the API.
 * Stricter than fabric8's readiness: nothing counts until the controller has observed the latest
 * generation, and old replicas must be gone.
 *
 * @param desired replicas (or scheduled pods) wanted
 * @param updated replicas on the new template
 * @param available replicas available (ready, for a StatefulSet)
 */
public record RolloutStatus(State state, String message, int desired, int updated, int available) {

    /** Where a rollout stands. */
    public enum State { WAITING, DONE, FAILED }

    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    public static RolloutStatus of(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return deployment(d);
        }
        if (workload instanceof StatefulSet s) {
            return statefulSet(s);
        }
        if (workload instanceof DaemonSet d) {
            return daemonSet(d);
        }
        throw new IllegalArgumentException("not a workload: " + workload.getKind());
    }

    static RolloutStatus deployment(Deployment d) {
        String name = d.getMetadata().getName();
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int replicas = orDefault(d.getSpec().getReplicas(), 1);
        int updated = orDefault(s.getUpdatedReplicas(), 0);
        int total = orDefault(s.getReplicas(), 0);
        int available = orDefault(s.getAvailableReplicas(), 0);
        if (!observed(d.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return new RolloutStatus(State.WAITING, "Waiting for deployment spec update to be observed...", replicas,
                    updated, available);
        }
        if (s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())) {
                    return new RolloutStatus(State.FAILED, "deployment \"" + name + "\" exceeded its progress deadline"
                            + (c.getMessage() == null ? "" : ": " + c.getMessage()), replicas, updated, available);
                }
            }
        }
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (updated < replicas) {
            return new RolloutStatus(State.WAITING, waiting + updated + " out of " + replicas
                    + " new replicas have been updated...", replicas, updated, available);
        }
        if (total > updated) {
            return new RolloutStatus(State.WAITING, waiting + (total - updated)
                    + " old replicas are pending termination...", replicas, updated, available);
        }
        if (available < updated) {
            return new RolloutStatus(State.WAITING, waiting + available + " of " + updated
                    + " updated replicas are available...", replicas, updated, available);
        }
        return new RolloutStatus(State.DONE, "deployment \"" + name + "\" successfully rolled out", replicas, updated,
                available);
    }

    static RolloutStatus statefulSet(StatefulSet set) {
        StatefulSetStatus s = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
        int replicas = orDefault(set.getSpec().getReplicas(), 1);
        int updated = orDefault(s.getUpdatedReplicas(), 0);
        int ready = orDefault(s.getReadyReplicas(), 0);
        if (s.getObservedGeneration() == null
                || !observed(set.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return new RolloutStatus(State.WAITING, "Waiting for statefulset spec update to be observed...", replicas,
                    updated, ready);
        }
        if (ready < replicas) {
            return new RolloutStatus(State.WAITING, "Waiting for " + (replicas - ready) + " pods to be ready...",
                    replicas, updated, ready);
        }
        var strategy = set.getSpec().getUpdateStrategy();
        Integer partition = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getPartition();
        if (partition != null && partition > 0) {
            if (updated < replicas - partition) {
                return new RolloutStatus(State.WAITING, "Waiting for partitioned roll out to finish: " + updated
                        + " out of " + (replicas - partition) + " new pods have been updated...", replicas, updated, ready);
            }
            return new RolloutStatus(State.DONE, "partitioned roll out complete: " + updated + " new pods have been updated...",
                    replicas, updated, ready);
        }
        if (!Objects.equals(s.getUpdateRevision(), s.getCurrentRevision())) {
            return new RolloutStatus(State.WAITING, "waiting for statefulset rolling update to complete " + updated
                    + " pods at revision " + s.getUpdateRevision() + "...", replicas, updated, ready);
        }
        // kubectl's wording, which counts the pods at the current revision
        return new RolloutStatus(State.DONE, "statefulset rolling update complete " + orDefault(s.getCurrentReplicas(), 0)
                + " pods at revision " + s.getCurrentRevision() + "...", replicas, updated, ready);
    }

    static RolloutStatus daemonSet(DaemonSet set) {
        String name = set.getMetadata().getName();
        DaemonSetStatus s = set.getStatus() == null ? new DaemonSetStatus() : set.getStatus();
        int desired = orDefault(s.getDesiredNumberScheduled(), 0);
        int updated = orDefault(s.getUpdatedNumberScheduled(), 0);
        int available = orDefault(s.getNumberAvailable(), 0);
        if (!observed(set.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return new RolloutStatus(State.WAITING, "Waiting for daemon set spec update to be observed...", desired,
                    updated, available);
        }
        String waiting = "Waiting for daemon set \"" + name + "\" rollout to finish: ";
        if (updated < desired) {
            return new RolloutStatus(State.WAITING, waiting + updated + " out of " + desired
                    + " new pods have been updated...", desired, updated, available);
        }
        if (available < desired) {
            return new RolloutStatus(State.WAITING, waiting + available + " of " + desired
                    + " updated pods are available...", desired, updated, available);
        }
        return new RolloutStatus(State.DONE, "daemon set \"" + name + "\" successfully rolled out", desired, updated,
                available);
    }

    /** The controller has seen the latest spec: {@code observedGeneration >= generation}. */
    private static boolean observed(Long generation, Long observedGeneration) {
        return orDefault(observedGeneration, 0L) >= orDefault(generation, 0L);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
