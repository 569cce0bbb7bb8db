package io.github.ecrtoolkit.eks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.Sleeper;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.eks.EksWorkload;
import io.github.ecrtoolkit.eks.PodProblem;
import io.github.ecrtoolkit.eks.RolloutProgress;
import io.github.ecrtoolkit.eks.StatusUnreadable;

/**
 * Polls a workload until kubectl would call its rollout done or failed, or the caller's limit
 * passes; reports status changes, waiting pods and Kubernetes events on the way.
 */
public final class RolloutWatcher {

    /** How the wait ended. {@code state} is null when the time limit passed first. */
    public record Result(RolloutStatus.State state, String reason, HasMetadata last, List<PodProblem> podProblems) {

        public boolean timedOut() {
            return state == null;
        }
    }

    private final KubernetesClient client;
    private final EksWorkload workload;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final EventLog<DeployEvent> log;
    private final PodScanner pods;

    public RolloutWatcher(KubernetesClient client, EksWorkload workload, Clock clock, Sleeper sleeper,
            Duration pollInterval, EventLog<DeployEvent> log) {
        this.client = client;
        this.workload = workload;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
        this.log = log;
        this.pods = new PodScanner(client, workload, clock, log);
    }

    /** Call before changing the workload: events that exist now are not reported later. */
    public void baseline() {
        try {
            pods.baseline();
        } catch (KubernetesClientException e) {
            // without a baseline, old events may be reported once: not worth failing the deploy for
        }
    }

    public Result await(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        String lastStatus = null;
        String lastError = null;
        HasMetadata last = null;
        while (true) {
            try {
                HasMetadata current = Workloads.resource(client, workload).get();
                if (current == null) {
                    return new Result(RolloutStatus.State.FAILED, workload.displayName()
                            + " was deleted during the rollout", last, pods.problems());
                }
                last = current;
                lastError = null;
                RolloutStatus status = RolloutStatus.of(current);
                if (!Objects.equals(status.message(), lastStatus)) {
                    lastStatus = status.message();
                    log.emit(new RolloutProgress(clock.instant(), workload, status.desired(), status.updated(),
                            status.available(), status.message()));
                }
                scanPods(current);
                if (status.state() != RolloutStatus.State.WAITING) {
                    return new Result(status.state(), status.message(), current, pods.problems());
                }
            } catch (KubernetesClientException e) {
                // keep trying until the limit: the rollout goes on in the cluster meanwhile
                String error = describe(e);
                if (!error.equals(lastError)) {
                    // once per distinct error, not once per poll
                    log.emit(new StatusUnreadable(clock.instant(), workload, error));
                }
                lastError = error;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return new Result(null, "not settled after " + timeout + ": "
                        + (lastError != null ? "cannot read status: " + lastError : lastStatus), last, pods.problems());
            }
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(null, "interrupted before the rollout settled: " + lastStatus, last, pods.problems());
            }
        }
    }

    private void scanPods(HasMetadata current) {
        try {
            pods.scan(current);
        } catch (KubernetesClientException e) {
            // pods and events are commentary; the workload status decides
        }
    }

    static String describe(KubernetesClientException e) {
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "")
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : String.valueOf(e.getMessage()));
    }
}
