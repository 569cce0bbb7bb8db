package io.github.ecrtoolkit.eks.internal;

import io.github.ecrtoolkit.eks.EksClusterAccess.AccessEntry;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** Whether a principal has an EKS access entry. */
final class AccessEntries {

    private AccessEntries() {
    }

    /**
     * The IAM ARN that access entries use for a caller: an STS assumed-role session
     * ({@code arn:aws:sts::1:assumed-role/Role/session}) maps to its role ({@code arn:aws:iam::1:role/Role}).
     */
    static String principalFor(String callerArn) {
        String[] parts = callerArn.split(":", 6);
        if (parts.length == 6 && "sts".equals(parts[2]) && parts[5].startsWith("assumed-role/")) {
            String role = parts[5].substring("assumed-role/".length());
            int slash = role.indexOf('/');
            return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + (slash < 0 ? role : role.substring(0, slash));
        }
        return callerArn;
    }

    static AccessEntry find(EksClient eks, String cluster, String principal) {
        try {
            eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principal));
            return AccessEntry.FOUND;
        } catch (ResourceNotFoundException e) {
            // a role with a path has an entry under arn:...:role/path/Name: look through the list
        } catch (AwsServiceException e) {
            return AccessEntry.UNKNOWN;
        }
        try {
            String roleName = principal.contains(":role/") ? principal.substring(principal.lastIndexOf('/') + 1) : null;
            String accountPrefix = principal.substring(0, principal.lastIndexOf(':') + 1);
            for (String entry : eks.listAccessEntriesPaginator(r -> r.clusterName(cluster)).accessEntries()) {
                if (entry.equals(principal) || (roleName != null && entry.startsWith(accountPrefix + "role/")
                        && entry.endsWith("/" + roleName))) {
                    return AccessEntry.FOUND;
                }
            }
            return AccessEntry.MISSING;
        } catch (AwsServiceException e) {
            return AccessEntry.UNKNOWN;
        }
    }
}
