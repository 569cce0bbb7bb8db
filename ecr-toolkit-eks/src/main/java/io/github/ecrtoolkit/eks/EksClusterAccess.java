package io.github.ecrtoolkit.eks;

import java.util.Objects;
import java.util.Optional;

/**
 * What the pre-flight check found: who the caller is and how the cluster lets it in.
 *
 * @param cluster the EKS cluster name
 * @param endpoint the Kubernetes API endpoint
 * @param principalArn the caller as STS reports it
 * @param accessEntryPrincipal the IAM principal that access entries are keyed by (an assumed
 *        role's role ARN)
 * @param authenticationMode {@code API}, {@code API_AND_CONFIG_MAP} or {@code CONFIG_MAP}
 * @param accessEntry whether the principal has an access entry in the cluster
 */
public record EksClusterAccess(String cluster, String endpoint, String principalArn, String accessEntryPrincipal,
        String authenticationMode, AccessEntry accessEntry) {

    /** Whether the principal has an access entry. */
    public enum AccessEntry {
        /** The cluster has one for the principal. */
        FOUND,
        /** The cluster has none; with {@code API_AND_CONFIG_MAP} the aws-auth ConfigMap may still map it. */
        MISSING,
        /** The caller may not list access entries, so we cannot tell. */
        UNKNOWN,
        /** The cluster uses only the aws-auth ConfigMap ({@code CONFIG_MAP}). */
        NOT_USED
    }

    public EksClusterAccess {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(accessEntry, "accessEntry");
    }

    /** The hint to give when the Kubernetes API refuses this principal. */
    public Optional<String> accessHint() {
        return switch (accessEntry) {
            case MISSING -> Optional.of("the principal " + accessEntryPrincipal + " has no access entry in cluster "
                    + cluster + " (authentication mode " + authenticationMode + ")");
            case UNKNOWN -> Optional.of("could not check the access entries of cluster " + cluster
                    + " for " + accessEntryPrincipal);
            default -> Optional.empty();
        };
    }
}
