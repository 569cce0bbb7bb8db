package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.List;
import java.util.Map;

/**
 * An ECS cluster as the stand-in holds it.
 *
 * @param name its name
 * @param arn its ARN
 * @param status {@code ACTIVE} or {@code INACTIVE} (deleted)
 * @param capacityProviders the capacity providers associated with it, such as {@code FARGATE_SPOT}
 * @param tags its tags
 */
public record Cluster(String name, String arn, String status, List<String> capacityProviders, Map<String, String> tags) {

    public Cluster {
        capacityProviders = List.copyOf(capacityProviders);
        tags = Map.copyOf(tags);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
