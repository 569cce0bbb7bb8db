package io.github.ecrtoolkit.eks;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.DeployResult;

/**
 * The end of an EKS rollout or rollback. Revisions are the Deployment's
 * {@code deployment.kubernetes.io/revision} numbers, or a StatefulSet's controller revision names;
 * a DaemonSet has none. Kubernetes renumbers a restored revision, so after a rollback
 * {@link #servingRevision()} is a new number whose pod template is the old one: see
 * {@link #servingImages()}.
 *
 * <pre>{@code
 * EksDeployResult r = deployer.deploy(EksWorkload.deployment("shop", "web"), image);
 * if (!r.succeeded()) r.podProblems().forEach(p -> log.warn("{}", p));
 * }</pre>
 *
 * @param outcome          how it ended
 * @param target           the workload
 * @param image            the image rolled out (for a rollback, the restored one)
 * @param previousRevision the revision that served before
 * @param newRevision      the revision the rollout created, if it got that far
 * @param servingRevision  the revision serving at the end
 * @param reason           why it did not succeed, in Kubernetes' words where it gave them
 * @param podProblems      pods that were not running at the end, with Kubernetes' reason
 *                         ({@code ImagePullBackOff}, ...)
 * @param servingImages    image per container of the pod template that serves now; empty when the
 *                         outcome is FAILED or TIMED_OUT, since old and new pods may both be serving then
 * @param events           everything observed on the way, oldest first ({@link EksEvent}s)
 * @param elapsed          from the first API call to the result
 */
public record EksDeployResult(DeployOutcome outcome, EksWorkload target, String image, Optional<String> previousRevision,
        Optional<String> newRevision, Optional<String> servingRevision, Optional<String> reason,
        List<PodProblem> podProblems, Map<String, String> servingImages, List<DeployEvent> events, Duration elapsed)
        implements DeployResult {

    public EksDeployResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(previousRevision, "previousRevision");
        Objects.requireNonNull(newRevision, "newRevision");
        Objects.requireNonNull(servingRevision, "servingRevision");
        Objects.requireNonNull(reason, "reason");
        podProblems = List.copyOf(podProblems);
        servingImages = Collections.unmodifiableMap(new LinkedHashMap<>(servingImages));
        events = List.copyOf(events);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * A builder, for the deployer and for tests of code that handles results: the optional parts
     * start empty. Not thread-safe.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "EksDeployResult[" + outcome + " " + target.displayName() + " image=" + image
                + previousRevision.map(r -> " previous=" + r).orElse("")
                + newRevision.map(r -> " new=" + r).orElse("")
                + servingRevision.map(r -> " serving=" + r).orElse("")
                + reason.map(r -> " reason=" + r).orElse("")
                + (podProblems.isEmpty() ? "" : " podProblems=" + podProblems)
                + " elapsed=" + elapsed + "]";
    }

    /** Collects the parts of an {@link EksDeployResult} as a rollout goes; setters replace. */
    public static final class Builder {
        private DeployOutcome outcome;
        private EksWorkload target;
        private String image;
        private Optional<String> previousRevision = Optional.empty();
        private Optional<String> newRevision = Optional.empty();
        private Optional<String> servingRevision = Optional.empty();
        private Optional<String> reason = Optional.empty();
        private List<PodProblem> podProblems = List.of();
        private Map<String, String> servingImages = Map.of();
        private List<DeployEvent> events = List.of();
        private Duration elapsed;

        private Builder() {
        }

        public Builder outcome(DeployOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder target(EksWorkload target) {
            this.target = target;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder previousRevision(Optional<String> revision) {
            this.previousRevision = Objects.requireNonNull(revision, "revision");
            return this;
        }

        public Builder newRevision(Optional<String> revision) {
            this.newRevision = Objects.requireNonNull(revision, "revision");
            return this;
        }

        public Builder servingRevision(Optional<String> revision) {
            this.servingRevision = Objects.requireNonNull(revision, "revision");
            return this;
        }

        /** Why it did not succeed; {@code null} for no reason. */
        public Builder reason(String reason) {
            this.reason = Optional.ofNullable(reason);
            return this;
        }

        public Builder podProblems(List<PodProblem> podProblems) {
            this.podProblems = podProblems;
            return this;
        }

        public Builder servingImages(Map<String, String> servingImages) {
            this.servingImages = servingImages;
            return this;
        }

        public Builder events(List<? extends DeployEvent> events) {
            this.events = List.copyOf(events);
            return this;
        }

        public Builder elapsed(Duration elapsed) {
            this.elapsed = elapsed;
            return this;
        }

        /** @throws NullPointerException when the outcome, target, image or elapsed time is missing */
        public EksDeployResult build() {
            return new EksDeployResult(outcome, target, image, previousRevision, newRevision, servingRevision, reason,
                    podProblems, servingImages, events, elapsed);
        }
    }
}
