package io.github.ecrtoolkit.eks;

/**
 * The workload cannot be deployed as asked: it does not exist (and no manifest was given), a named
 * container is not in it, or the revision to roll back to is unknown. Nothing was changed.
 * {@link #reason()} tells which: {@link Reason#NOT_FOUND}, {@link Reason#INVALID_INPUT},
 * {@link Reason#UNSUPPORTED} (e.g. an {@code OnDelete} update strategy) or {@link Reason#CONFLICT}
 * (it changed while being patched).
 */
public final class EksWorkloadException extends EksException {

    private static final long serialVersionUID = 1L;

    private final EksWorkload workload;

    /** A workload that cannot be deployed as asked: {@link Reason#INVALID_INPUT}. */
    public EksWorkloadException(String cluster, EksWorkload workload, String message) {
        this(Reason.INVALID_INPUT, cluster, workload, message, null);
    }

    /** A workload that cannot be deployed as asked: {@link Reason#INVALID_INPUT}. */
    public EksWorkloadException(String cluster, EksWorkload workload, String message, Throwable cause) {
        this(Reason.INVALID_INPUT, cluster, workload, message, cause);
    }

    public EksWorkloadException(Reason reason, String cluster, EksWorkload workload, String message, Throwable cause) {
        super(reason, cluster, message, cause);
        this.workload = workload;
    }

    public EksWorkload workload() {
        return workload;
    }
}
