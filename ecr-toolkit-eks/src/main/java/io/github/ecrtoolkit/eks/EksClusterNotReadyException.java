package io.github.ecrtoolkit.eks;

/**
 * The cluster exists but is not {@code ACTIVE} (still creating, updating, deleting or failed).
 * {@link Reason#UNAVAILABLE} (retryable) while it is being created or updated, {@link Reason#FAILED}
 * otherwise.
 */
public final class EksClusterNotReadyException extends EksException {

    private static final long serialVersionUID = 1L;

    private final String status;

    public EksClusterNotReadyException(String cluster, String status) {
        super(passing(status) ? Reason.UNAVAILABLE : Reason.FAILED, cluster, "EKS cluster '" + cluster + "' is "
                + status + ", not ACTIVE: it has no usable endpoint yet. "
                + (passing(status)
                        ? "Wait until it is ACTIVE (aws eks wait cluster-active --name " + cluster + ") and retry."
                        : "Check the cluster in the EKS console; deploys need an ACTIVE cluster."), null);
        this.status = status;
    }

    /** The cluster status EKS reported, e.g. {@code CREATING}. */
    public String status() {
        return status;
    }

    /** A state the cluster leaves by itself for ACTIVE. */
    private static boolean passing(String status) {
        return "CREATING".equals(status) || "UPDATING".equals(status) || "PENDING".equals(status);
    }
}
