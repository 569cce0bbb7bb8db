package io.github.ecrtoolkit.testing.aws.eks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An EKS cluster as the stand-in holds it, read by tests: what {@code CreateCluster} asked for and
 * where its state machine stands.
 *
 * @param name the cluster name
 * @param arn its ARN
 * @param status {@code CREATING}, {@code ACTIVE}, {@code FAILED}, {@code DELETING}
 * @param version the Kubernetes version
 * @param roleArn the cluster IAM role
 * @param subnetIds the subnets of {@code resourcesVpcConfig}
 * @param authenticationMode {@code API}, {@code API_AND_CONFIG_MAP} or {@code CONFIG_MAP}
 * @param autoMode whether compute, load balancing and block storage are all enabled (EKS Auto Mode)
 * @param nodeRoleArn Auto Mode's node role, when set
 * @param tags its tags
 * @param issues the health issues it reports (a FAILED cluster's reasons)
 */
public record Cluster(String name, String arn, String status, String version, String roleArn, List<String> subnetIds,
        String authenticationMode, boolean autoMode, Optional<String> nodeRoleArn, Map<String, String> tags,
        List<HealthIssue> issues) {

    public Cluster {
        subnetIds = List.copyOf(subnetIds);
        tags = Map.copyOf(tags);
        issues = List.copyOf(issues);
    }
}
