/**
 * Rolling an image out to Amazon EKS: {@link io.github.ecrtoolkit.eks.EksDeployer} (the
 * {@link io.github.ecrtoolkit.core.deploy.Deployer} for Kubernetes workloads),
 * {@link io.github.ecrtoolkit.eks.EksWorkload}, the typed {@link io.github.ecrtoolkit.eks.EksDeployResult}
 * and {@link io.github.ecrtoolkit.eks.EksEvent}s, and {@link io.github.ecrtoolkit.eks.EksTokenProvider}
 * for Kubernetes API tokens without the {@code aws} CLI.
 */
package io.github.ecrtoolkit.eks;
