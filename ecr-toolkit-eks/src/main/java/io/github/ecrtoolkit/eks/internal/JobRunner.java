package io.github.ecrtoolkit.eks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.eks.EksJobResult;
import io.github.ecrtoolkit.eks.EksJobSpec;
import io.github.ecrtoolkit.eks.JobProgress;

/**
 * Runs one Job to its end: creates it (labelled as ours, no retries unless asked), reads its
 * conditions and its pod until Complete or Failed or the caller's limit, and reports the exit code,
 * the reason (a container's {@code OOMKilled} before the Job's {@code BackoffLimitExceeded}, which
 * it causes) and the last lines of the log.
 */
public final class JobRunner {

    /** Finished Jobs go away by themselves after a day, not at once: their log is worth reading. */
    private static final int TTL_AFTER_FINISHED_SECONDS = 24 * 3600;

    private final KubernetesClient client;
    private final Clock clock;
    private final StatusPoller poller;

    public JobRunner(KubernetesClient client, Clock clock, StatusPoller poller) {
        this.client = client;
        this.clock = clock;
        this.poller = poller;
    }

    public static Job manifest(String namespace, String image, EksJobSpec spec) {
        Map<String, String> labels = AppManifests.labels(spec.name());
        JobBuilder job = new JobBuilder().withNewMetadata().withName(spec.name()).withNamespace(namespace)
                .withLabels(labels).endMetadata()
                .withNewSpec().withBackoffLimit(spec.backoffLimit()).withTtlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName(spec.name()).withImage(image)
                .withCommand(spec.command().isEmpty() ? null : spec.command())
                .withArgs(spec.args().isEmpty() ? null : spec.args()).withEnv(AppManifests.env(spec.env()))
                .withResources(AppManifests.resources(spec.cpu(), spec.memory(), Optional.empty()))
                .endContainer().endSpec().endTemplate().endSpec();
        spec.activeDeadline().ifPresent(d -> job.editSpec().withActiveDeadlineSeconds(d.toSeconds()).endSpec());
        return job.build();
    }

    /** Waits for the Job created from {@code spec} to end; {@code start} is when it was created. */
    public EksJobResult await(String namespace, EksJobSpec spec, Instant start, EventLog<DeployEvent> log) {
        String name = spec.name();
        StatusPoller.Polled<Job> wait = poller.await(() -> Optional.ofNullable(readJob(namespace, name)),
                job -> condition(job).isPresent(), job -> describe(job),
                line -> log.emit(new JobProgress(clock.instant(), namespace, name, line)), start.plus(spec.timeout()));
        Optional<Pod> pod = lastPod(namespace, name);
        Optional<ContainerStateTerminated> ended = pod.flatMap(JobRunner::terminated);
        Optional<Integer> exitCode = ended.map(ContainerStateTerminated::getExitCode);
        List<String> logTail = logTail(namespace, pod, spec.logLines());
        Duration elapsed = Duration.between(start, clock.instant());
        if (wait.end() == StatusPoller.End.GONE) {
            return new EksJobResult(namespace, name, DeployOutcome.FAILED, exitCode, Optional.of("Deleted"),
                    Optional.of("the Job was deleted before it finished"), logTail, log.events(), elapsed);
        }
        Optional<JobCondition> end = wait.last().flatMap(JobRunner::condition);
        if (wait.end() == StatusPoller.End.TIMED_OUT || end.isEmpty()) {
            return new EksJobResult(namespace, name, DeployOutcome.TIMED_OUT, exitCode, Optional.empty(),
                    Optional.of("not finished after " + spec.timeout() + "; the Job may still run"), logTail, log.events(),
                    elapsed);
        }
        if ("Complete".equals(end.get().getType())) {
            return new EksJobResult(namespace, name, DeployOutcome.SUCCEEDED, exitCode, Optional.empty(), Optional.empty(),
                    logTail, log.events(), elapsed);
        }
        // the container's own reason says more: OOMKilled is why the backoff limit was reached
        Optional<String> reason = ended.map(ContainerStateTerminated::getReason).filter("OOMKilled"::equals)
                .or(() -> Optional.ofNullable(end.get().getReason()))
                .or(() -> ended.map(ContainerStateTerminated::getReason));
        return new EksJobResult(namespace, name, DeployOutcome.FAILED, exitCode, reason,
                Optional.ofNullable(end.get().getMessage()), logTail, log.events(), elapsed);
    }

    private Job readJob(String namespace, String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    /** The condition that ends a Job: Complete or Failed, True. */
    private static Optional<JobCondition> condition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static String describe(Job job) {
        Optional<JobCondition> end = condition(job);
        if (end.isPresent()) {
            return "job " + job.getMetadata().getName() + " " + (end.get().getType().equals("Complete") ? "completed"
                    : "failed: " + end.get().getReason() + (end.get().getMessage() == null ? "" : " (" + end.get().getMessage() + ")"));
        }
        int active = job.getStatus() == null || job.getStatus().getActive() == null ? 0 : job.getStatus().getActive();
        return "job " + job.getMetadata().getName() + (active > 0 ? " running" : " pending");
    }

    private Optional<Pod> lastPod(String namespace, String job) {
        try {
            return client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems().stream()
                    .reduce((first, second) -> second);
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    private static Optional<ContainerStateTerminated> terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (status.getState() != null && status.getState().getTerminated() != null) {
                return Optional.of(status.getState().getTerminated());
            }
        }
        return Optional.empty();
    }

    private List<String> logTail(String namespace, Optional<Pod> pod, int lines) {
        if (pod.isEmpty() || lines == 0) {
            return List.of();
        }
        try {
            String text = client.pods().inNamespace(namespace).withName(pod.get().getMetadata().getName())
                    .tailingLines(lines).getLog();
            return text == null || text.isEmpty() ? List.of() : List.of(text.split("\\R"));
        } catch (KubernetesClientException e) {
            // the log is commentary: a pod whose log is gone still has an exit code
            return List.of();
        }
    }
}
