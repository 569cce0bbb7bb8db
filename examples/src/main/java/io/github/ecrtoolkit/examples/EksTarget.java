package io.github.ecrtoolkit.examples;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** How the {@code eks} app commands reach Kubernetes: an EKS cluster by name, or a kubeconfig. */
final class EksTarget {

    @Option(names = "--cluster", paramLabel = "NAME", description = "The EKS cluster (looked up in EKS; not needed with --kubeconfig).")
    String cluster;

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "Reach the cluster through this kubeconfig instead of EKS.")
    Path kubeconfig;

    boolean given() {
        return cluster != null || kubeconfig != null;
    }
}
