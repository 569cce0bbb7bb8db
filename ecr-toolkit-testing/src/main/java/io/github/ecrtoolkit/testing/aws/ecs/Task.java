package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.Optional;

/**
 * A task as the stand-in holds it.
 *
 * @param arn its ARN
 * @param cluster the cluster's name
 * @param group {@code service:<name>} for a service's task
 * @param taskDefinition the revision it runs
 * @param startedBy the deployment id that started it
 * @param lastStatus {@code PENDING}, {@code RUNNING} or {@code STOPPED}
 * @param stoppedReason why it stopped, when it did
 * @param networkInterfaceId its elastic network interface, in {@code awsvpc} mode
 */
public record Task(String arn, String cluster, String group, String taskDefinition, String startedBy, String lastStatus,
        Optional<String> stoppedReason, Optional<String> networkInterfaceId) {

    public boolean running() {
        return "RUNNING".equals(lastStatus);
    }
}
