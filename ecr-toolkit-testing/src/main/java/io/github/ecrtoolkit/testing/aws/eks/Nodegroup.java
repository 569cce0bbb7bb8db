package io.github.ecrtoolkit.testing.aws.eks;

import java.util.List;
import java.util.Map;

/**
 * A managed node group as the stand-in holds it.
 *
 * @param cluster its cluster's name
 * @param name the node group name
 * @param status {@code CREATING}, {@code ACTIVE}, {@code UPDATING}, {@code DEGRADED}, {@code CREATE_FAILED}, {@code DELETING}
 * @param instanceTypes its EC2 instance types
 * @param minSize scaling minimum
 * @param desiredSize scaling desired size
 * @param maxSize scaling maximum
 * @param nodeRole the node IAM role ARN
 * @param subnets its subnets
 * @param tags its tags
 * @param issues its health issues
 */
public record Nodegroup(String cluster, String name, String status, List<String> instanceTypes, int minSize,
        int desiredSize, int maxSize, String nodeRole, List<String> subnets, Map<String, String> tags,
        List<HealthIssue> issues) {

    public Nodegroup {
        instanceTypes = List.copyOf(instanceTypes);
        subnets = List.copyOf(subnets);
        tags = Map.copyOf(tags);
        issues = List.copyOf(issues);
    }
}
