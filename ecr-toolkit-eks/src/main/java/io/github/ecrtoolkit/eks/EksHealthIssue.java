package io.github.ecrtoolkit.eks;

import java.util.List;
import java.util.Objects;

/**
 * What EKS says is wrong with a cluster or node group ({@code health.issues}), in its words.
 *
 * @param code EKS's issue code, such as {@code AsgInstanceLaunchFailures} or {@code Ec2SubnetInvalidConfiguration}
 * @param message EKS's text
 * @param resourceIds the AWS resources it concerns
 */
public record EksHealthIssue(String code, String message, List<String> resourceIds) {

    public EksHealthIssue {
        Objects.requireNonNull(code, "code");
        message = Objects.requireNonNullElse(message, "");
        resourceIds = List.copyOf(resourceIds);
    }

    @Override
    public String toString() {
        return code + ": " + message + (resourceIds.isEmpty() ? "" : " " + resourceIds);
    }
}
