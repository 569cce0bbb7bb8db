package io.github.ecrtoolkit.eks;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;

/**
 * How a one-off Job ended.
 *
 * <pre>{@code
 * EksJobResult job = deployer.runJob("shop", image, j -> j.command("bin/migrate"));
 * if (!job.succeeded()) log.error("migration failed: exit {} ({}):\n{}", job.exitCode().orElse(-1),
 *         job.reason().orElse("?"), String.join("\n", job.logTail()));
 * }</pre>
 *
 * @param namespace the Job's namespace
 * @param name the Job's name
 * @param outcome SUCCEEDED, FAILED, or TIMED_OUT (the Job may still run)
 * @param exitCode the container's exit code, when it ended
 * @param reason why it failed: {@code OOMKilled}, {@code DeadlineExceeded}, {@code BackoffLimitExceeded}, or the container's reason
 * @param message Kubernetes' words about the failure, if any
 * @param logTail the last lines of the container's log
 * @param events what was observed on the way
 * @param elapsed from creating the Job to the result
 */
public record EksJobResult(String namespace, String name, DeployOutcome outcome, Optional<Integer> exitCode,
        Optional<String> reason, Optional<String> message, List<String> logTail, List<DeployEvent> events,
        Duration elapsed) {

    public EksJobResult {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        logTail = List.copyOf(logTail);
        events = List.copyOf(events);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean succeeded() {
        return outcome == DeployOutcome.SUCCEEDED;
    }

    @Override
    public String toString() {
        return "EksJobResult[" + namespace + "/" + name + " " + outcome + exitCode.map(c -> " exit=" + c).orElse("")
                + reason.map(r -> " reason=" + r).orElse("") + " elapsed=" + elapsed + "]";
    }
}
