package io.github.ecrtoolkit.testing.aws.eks;

import java.util.Set;

/**
 * An EKS access entry: an IAM principal let into a cluster, with the access policies associated.
 *
 * @param cluster the cluster's name
 * @param principalArn the IAM user or role
 * @param policyArns the associated access policies, such as {@code arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy}
 */
public record AccessEntry(String cluster, String principalArn, Set<String> policyArns) {

    public AccessEntry {
        policyArns = Set.copyOf(policyArns);
    }
}
