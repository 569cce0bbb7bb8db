package io.github.ecrtoolkit.core.ecr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.testing.FakeEcrApi;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.RegistryProxy;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * The permission table against what a push to ECR really calls: the ECR API (WireMock) and the
 * registry endpoint (a proxy in front of the real registry), each request named by the IAM action
 * ECR checks for it. A call the table lacks fails here.
 */
@ExtendWith(TestServices.class)
class EcrPermissionsIT {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    @Test
    void pushWithRepositoryCreation_callsOnlyWhatThePushAndCreateRepositoryPoliciesAllow(@OpenRegistry TestRegistry registry,
            TestTools tools, @TempDir Path dir) throws Exception {
        Files.copy(tools.busybox(), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
        String repository = "ecr/permissions-" + UUID.randomUUID().toString().substring(0, 8);
        try (FakeEcrApi ecr = new FakeEcrApi(); RegistryProxy proxy = new RegistryProxy(registry)) {
            // the open registry: uploads go to it directly (its own address in Location), so it must not ask for the token
            ecr.stubToken(Scenario.STARTED, null, "open-registry-ignores-it", "http://" + proxy.host());
            ecr.server().stubFor(FakeEcrApi.call("DescribeRepositories").willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository does not exist\"}")));
            ecr.server().stubFor(FakeEcrApi.call("CreateRepository").willReturn(aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"repository\":{}}")));

            try (Registry ecrRegistry = Registry.builder().ecr(ecr.client()).allowInsecureLoopback(true).build()) {
                ecrRegistry.build(dir).tag(repository + ":1").createRepository(RepositoryOptions.builder().tag("team", "a").build()).push();
                ecrRegistry.build(dir).tag(repository + ":2").push();   // blobs there: checked, not uploaded
            }

            List<String> api = ecr.server().getAllServeEvents().stream()
                    .map(e -> "ecr:" + e.getRequest().getHeader("X-Amz-Target").substring(TARGET.length())).distinct().toList();
            List<String> endpoint = proxy.server().getAllServeEvents().stream().map(ServeEvent::getRequest)
                    .map(EcrPermissionsIT::action).filter(a -> !a.isEmpty()).distinct().toList();

            assertThat(api).contains("ecr:GetAuthorizationToken", "ecr:DescribeRepositories", "ecr:CreateRepository")
                    .allMatch(a -> Permissions.covers(Capability.PUSH, a) || Permissions.covers(Capability.CREATE_REPOSITORY, a));
            assertThat(api).filteredOn(a -> a.contains("Repositor")).allMatch(a -> Permissions.covers(Capability.CREATE_REPOSITORY, a));
            assertThat(endpoint).contains("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:PutImage")
                    .allMatch(a -> Permissions.covers(Capability.PUSH, a));
        }
    }

    /**
     * The IAM action ECR checks for a registry request (ECR's documented mapping); empty for the
     * version check, which needs only the token.
     */
    static String action(LoggedRequest request) {
        String path = request.getUrl().replaceAll("\\?.*", "");
        String method = request.getMethod().getName();
        if (path.equals("/v2/") || path.equals("/v2")) {
            return "";
        }
        if (path.contains("/blobs/uploads")) {
            return switch (method) {
                case "POST" -> "ecr:InitiateLayerUpload";
                case "PATCH" -> "ecr:UploadLayerPart";
                case "PUT" -> "ecr:CompleteLayerUpload";
                default -> "ecr:" + method + " " + path;
            };
        }
        if (path.contains("/blobs/")) {
            return method.equals("HEAD") ? "ecr:BatchCheckLayerAvailability" : "ecr:GetDownloadUrlForLayer";
        }
        if (path.contains("/manifests/")) {
            return method.equals("PUT") ? "ecr:PutImage" : "ecr:BatchGetImage";
        }
        return "unmapped " + method + " " + path;
    }
}
