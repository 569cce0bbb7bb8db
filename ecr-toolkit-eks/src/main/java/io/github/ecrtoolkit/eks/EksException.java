package io.github.ecrtoolkit.eks;

import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * Root of the EKS deployer's exceptions; carries the cluster it concerns. Messages never contain
 * a token or credentials.
 */
public class EksException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final String cluster;

    public EksException(String cluster, String message) {
        super(message);
        this.cluster = cluster;
    }

    public EksException(String cluster, String message, Throwable cause) {
        super(message, cause);
        this.cluster = cluster;
    }

    /** The EKS cluster name, when the deployer knows one (not with a caller's kubeconfig). */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }
}
