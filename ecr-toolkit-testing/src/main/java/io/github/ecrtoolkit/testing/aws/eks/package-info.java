/**
 * EKS for tests: {@link io.github.ecrtoolkit.testing.aws.eks.EksStandIn} (clusters, managed node
 * groups and access entries as state machines, reached through {@code AwsStandIn.eks()}) and
 * {@link io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController}, which plays the Kubernetes
 * controllers (Deployments, StatefulSets, Jobs and their pods) that fabric8's CRUD mock server does
 * not run.
 */
package io.github.ecrtoolkit.testing.aws.eks;
