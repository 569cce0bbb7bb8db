package io.github.ecrtoolkit.eks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;

/**
 * The permission table against the AWS calls an EKS test made: each request WireMock served is
 * named by its IAM action, and the policy for deploying to EKS ({@link Capability#DEPLOY_EKS}) must
 * list it. A call added to the code without its row (or a request this mapping does not know) fails.
 */
public final class DeployPermissions {

    private DeployPermissions() {
    }

    public static void assertCovered(WireMockServer wm) {
        assertThat(wm.getAllServeEvents().stream().map(e -> action(e.getRequest())).distinct())
                .as("AWS calls missing from the %s policy (Permissions, in core)", Capability.DEPLOY_EKS.cliName())
                .filteredOn(action -> !Permissions.covers(Capability.DEPLOY_EKS, action)).isEmpty();
    }

    /** STS by its {@code Action} parameter, EKS (REST) by method and path. */
    static String action(LoggedRequest request) {
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (request.getMethod().getName().equals("POST") && request.getBodyAsString().contains("Action=GetCallerIdentity")) {
            return "sts:GetCallerIdentity";
        }
        if (request.getMethod().getName().equals("GET")) {
            if (path.matches("/clusters/[^/]+")) {
                return "eks:DescribeCluster";
            }
            if (path.matches("/clusters/[^/]+/access-entries")) {
                return "eks:ListAccessEntries";
            }
            if (path.matches("/clusters/[^/]+/access-entries/.+")) {
                return "eks:DescribeAccessEntry";
            }
        }
        return "unmapped " + request.getMethod() + " " + path;
    }
}
