package io.github.ecrtoolkit.eks;

import java.time.Instant;

/**
 * A step of making, scaling or deleting a cluster: a role created, the cluster's status moving
 * from {@code CREATING} to {@code ACTIVE}, a node group's status, a tear-down step.
 *
 * @param time when it was observed
 * @param cluster the cluster's name
 * @param message one line for a person
 */
public record ClusterProgress(Instant time, String cluster, String message) implements EksEvent {
}
