package io.github.ecrtoolkit.eks;

/**
 * The workload cannot be deployed as asked: it does not exist (and no manifest was given), a named
 * container is not in it, or the revision to roll back to is unknown. Nothing was changed.
 */
public final class EksWorkloadException extends EksException {

    private static final long serialVersionUID = 1L;

    private final EksWorkload workload;

    public EksWorkloadException(String cluster, EksWorkload workload, String message) {
        super(cluster, message);
        this.workload = workload;
    }

    public EksWorkloadException(String cluster, EksWorkload workload, String message, Throwable cause) {
        super(cluster, message, cause);
        this.workload = workload;
    }

    public EksWorkload workload() {
        return workload;
    }
}
