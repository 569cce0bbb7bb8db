package io.github.ecrtoolkit.eks;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EksClusters#writeKubeconfig} did.
 *
 * @param file the kubeconfig written
 * @param context the context added or replaced (the cluster's ARN, as {@code aws eks update-kubeconfig} names it); now current
 * @param backup the copy of the file as it was before, empty when there was no file
 */
public record KubeconfigWritten(Path file, String context, Optional<Path> backup) {

    public KubeconfigWritten {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(backup, "backup");
    }
}
