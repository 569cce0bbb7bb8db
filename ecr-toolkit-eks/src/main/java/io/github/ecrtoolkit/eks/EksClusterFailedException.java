package io.github.ecrtoolkit.eks;

import java.util.List;
import java.util.Optional;

/**
 * EKS could not make the cluster or its node group healthy: the cluster ended {@code FAILED}, or
 * the node group {@code CREATE_FAILED} or {@code DEGRADED}. {@link #issues()} are EKS's reasons
 * ({@code health.issues}), also in the message. {@link Reason#FAILED}.
 */
public final class EksClusterFailedException extends EksException {

    private static final long serialVersionUID = 1L;

    private final String status;
    private final String nodeGroup;
    private final transient List<EksHealthIssue> issues;

    public EksClusterFailedException(String cluster, String nodeGroup, String status, List<EksHealthIssue> issues,
            String advice) {
        super(Reason.FAILED, cluster, "EKS", null, (nodeGroup == null ? "EKS cluster '" + cluster + "'"
                : "node group '" + nodeGroup + "' of EKS cluster '" + cluster + "'") + " is " + status
                + (issues.isEmpty() ? " (EKS gave no health issues)" : ": " + issues) + ". " + advice, null);
        this.status = status;
        this.nodeGroup = nodeGroup;
        this.issues = List.copyOf(issues);
    }

    /** EKS's status: {@code FAILED}, {@code CREATE_FAILED}, {@code DEGRADED}. */
    public String status() {
        return status;
    }

    /** The node group concerned; empty when it is the cluster itself. */
    public Optional<String> nodeGroup() {
        return Optional.ofNullable(nodeGroup);
    }

    public List<EksHealthIssue> issues() {
        return issues;
    }
}
