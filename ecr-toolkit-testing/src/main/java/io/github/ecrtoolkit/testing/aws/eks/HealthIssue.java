package io.github.ecrtoolkit.testing.aws.eks;

import java.util.List;
import java.util.Objects;

/**
 * A health issue EKS reports on a cluster or node group ({@code health.issues[]}), such as
 * {@code AsgInstanceLaunchFailures} with its message.
 *
 * @param code the issue code, as EKS names it
 * @param message EKS's text
 * @param resourceIds the AWS resources concerned (an Auto Scaling group, instances)
 */
public record HealthIssue(String code, String message, List<String> resourceIds) {

    public HealthIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        resourceIds = List.copyOf(resourceIds);
    }

    public HealthIssue(String code, String message) {
        this(code, message, List.of());
    }
}
