package io.github.ecrtoolkit.eks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;


import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.eks.testing.FakeAws;
import io.github.ecrtoolkit.testing.aws.eks.KubernetesTestController;

/** What a caller can do about each way an EKS deploy cannot start: {@code reason()}, the AWS service and code. */
class EksDeployerErrorsTest {

    @Nested
    class Aws extends FakeAwsFixture {

        EksDeployer deployer(String cluster) {
            return deployerBuilder(cluster).build();
        }

        @Test
        void refusedCredentials_areAccessDenied_fromSts() {
            aws.callerRefused();

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOfSatisfying(EksAccessException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
                    assertThat(e.awsService()).contains("STS");
                    assertThat(e.awsErrorCode()).contains("InvalidClientTokenId");
                    assertThat(e.cluster()).contains("prod");
                });
            }
        }

        @Test
        void missingCluster_isNotFound_fromEks() {
            aws.callerIdentity();
            aws.noSuchCluster("nope");

            try (EksDeployer deployer = deployer("nope")) {
                assertThatThrownBy(deployer::preflight).isInstanceOfSatisfying(EksException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.awsService()).contains("EKS");
                    assertThat(e.awsErrorCode()).contains("ResourceNotFoundException");
                });
            }
        }

        @Test
        void deniedDescribeCluster_isAccessDenied_namingTheActionAndPrincipal() {
            aws.callerIdentity();
            wm.stubFor(get(urlEqualTo("/clusters/prod")).willReturn(aResponse().withStatus(403)
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException").withHeader("Content-Type", "application/json")
                    .withBody("{\"message\": \"User: " + FakeAws.CALLER + " is not authorized to perform: "
                            + "eks:DescribeCluster on resource: arn:aws:eks:eu-west-1:123456789012:cluster/prod\"}")));

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOfSatisfying(EksAccessException.class, e -> {
                    assertThat(e.principalArn()).contains(FakeAws.CALLER);
                    assertThat(e.getMessage()).contains("Allow eks:DescribeCluster")
                            .doesNotContain(FakeAws.SECRET_KEY).doesNotContain(FakeAws.SESSION_TOKEN);
                });
            }
        }

        @Test
        void clusterBeingCreated_isUnavailable_andRetryable() {
            aws.callerIdentity();
            aws.cluster("prod", "CREATING", null, null, "API");

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOfSatisfying(EksClusterNotReadyException.class,
                        e -> assertThat(e.isRetryable()).isTrue());
            }
        }

        @Test
        void failedCluster_isNotRetryable() {
            aws.callerIdentity();
            aws.cluster("prod", "FAILED", null, null, "API");

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOfSatisfying(EksClusterNotReadyException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.FAILED));
            }
        }
    }

    @Nested
    @EnableKubernetesMockClient(crud = true)
    class Workloads {

        KubernetesMockServer server;
        KubernetesClient client;
        EksDeployer deployer;

        @BeforeEach
        void start() {
            deployer = EksDeployer.builder().kubernetesClient(client).pollInterval(Duration.ofMillis(5)).build();
        }

        @AfterEach
        void stop() {
            deployer.close();
        }

        @Test
        void missingWorkload_isNotFound() {
            assertThatThrownBy(() -> deployer.deploy(EksWorkload.deployment("shop", "gone"), "web:2"))
                    .isInstanceOfSatisfying(EksWorkloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }

        @Test
        void unknownContainer_isInvalidInput() {
            new KubernetesTestController(client, "shop").createDeployment("web", "registry/web:1");

            assertThatThrownBy(() -> deployer.deploy(EksWorkload.deployment("shop", "web"), "web:2",
                    DeployOptions.builder().container("api").build()))
                    .isInstanceOfSatisfying(EksWorkloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
        }

        @Test
        void rollbackOfAStatefulSet_isUnsupported() {
            assertThatThrownBy(() -> deployer.rollback(EksWorkload.statefulSet("shop", "db"), DeployOptions.defaults()))
                    .isInstanceOfSatisfying(EksWorkloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
        }
    }
}
