package io.github.ecrtoolkit.eks;

/** The cluster exists but is not {@code ACTIVE} (still creating, updating, deleting or failed). */
public final class EksClusterNotReadyException extends EksException {

    private static final long serialVersionUID = 1L;

    private final String status;

    public EksClusterNotReadyException(String cluster, String status) {
        super(cluster, "EKS cluster '" + cluster + "' is " + status + ", not ACTIVE: it has no usable endpoint yet. "
                + ("CREATING".equals(status) || "UPDATING".equals(status)
                        ? "Wait until it is ACTIVE (aws eks wait cluster-active --name " + cluster + ") and retry."
                        : "Check the cluster in the EKS console; deploys need an ACTIVE cluster."));
        this.status = status;
    }

    /** The cluster status EKS reported, e.g. {@code CREATING}. */
    public String status() {
        return status;
    }
}
