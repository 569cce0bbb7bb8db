package io.github.ecrtoolkit.eks;

import java.util.List;
import java.util.Map;

import org.immutables.value.Value;

import io.github.ecrtoolkit.core.deploy.DeployResult;
import io.github.ecrtoolkit.core.internal.ValueStyle;

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
 */
@Value.Immutable
@ValueStyle
@SuppressWarnings("immutables:from") // from(..) cannot copy the covariant target(); results are built once anyway
public abstract class EksDeployResult implements DeployResult {

    @Override
    public abstract EksWorkload target();

    /** Pods that were not running at the end, with Kubernetes' reason ({@code ImagePullBackOff}, ...). */
    public abstract List<PodProblem> podProblems();

    /**
     * Image per container of the pod template that serves now; empty when the outcome is FAILED or
     * TIMED_OUT, since old and new pods may both be serving then.
     */
    public abstract Map<String, String> servingImages();

    public static ImmutableEksDeployResult.Builder builder() {
        return ImmutableEksDeployResult.builder();
    }

    @Override
    public String toString() {
        return "EksDeployResult[" + outcome() + " " + target().displayName() + " image=" + image()
                + previousRevision().map(r -> " previous=" + r).orElse("")
                + newRevision().map(r -> " new=" + r).orElse("")
                + servingRevision().map(r -> " serving=" + r).orElse("")
                + reason().map(r -> " reason=" + r).orElse("")
                + (podProblems().isEmpty() ? "" : " podProblems=" + podProblems())
                + " elapsed=" + elapsed() + "]";
    }
}
