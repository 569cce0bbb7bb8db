package io.github.ecrtoolkit.eks;

import java.util.List;
import java.util.Objects;

/**
 * A managed node group as EKS describes it.
 *
 * @param name the node group name
 * @param status EKS's status: {@code ACTIVE}, {@code DEGRADED}, {@code CREATE_FAILED}, …
 * @param instanceTypes its instance types
 * @param minSize scaling minimum
 * @param desiredSize scaling desired size
 * @param maxSize scaling maximum
 * @param issues its health issues, empty when healthy
 */
public record EksNodeGroup(String name, String status, List<String> instanceTypes, int minSize, int desiredSize,
        int maxSize, List<EksHealthIssue> issues) {

    public EksNodeGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        instanceTypes = List.copyOf(instanceTypes);
        issues = List.copyOf(issues);
    }
}
