package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;


import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.github.ecrtoolkit.eks.EksClusterAccess.AccessEntry;
import io.github.ecrtoolkit.eks.testing.FakeAws;
import io.github.ecrtoolkit.testing.FakeClock;
import software.amazon.awssdk.regions.Region;

class EksClusterConnectionTest extends FakeAwsFixture {

    EksDeployer deployer(String cluster) {
        return deployerBuilder(cluster).pollInterval(Duration.ofMillis(1)).sleeper(clock::advance).build();
    }

    @Nested
    class Preflight {

        @Test
        void preflight_whenClusterIsCreating_refusesNamingStatus() {
            aws.callerIdentity();
            aws.cluster("prod", "CREATING", null, null, "API");

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOf(EksClusterNotReadyException.class)
                        .hasMessageContaining("'prod' is CREATING, not ACTIVE")
                        .hasMessageContaining("aws eks wait cluster-active --name prod")
                        .satisfies(e -> assertThat(((EksClusterNotReadyException) e).status()).isEqualTo("CREATING"));
            }
        }

        @Test
        void deploy_whenClusterIsCreating_refusesBeforeTouchingKubernetes() {
            aws.callerIdentity();
            aws.cluster("prod", "CREATING", null, null, "API");

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(() -> deployer.deploy(EksWorkload.deployment("shop", "web"), "web:2"))
                        .isInstanceOf(EksClusterNotReadyException.class);
            }
        }

        @Test
        void preflight_withAccessEntriesOnlyAndNoEntry_saysSoInsteadOf401() {
            aws.callerIdentity();
            aws.cluster("prod", "ACTIVE", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Y2E=", "API");
            aws.accessEntries("prod", "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/someone-else");

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOf(EksAccessException.class)
                        .hasMessageContaining("access entries only (authenticationMode API)")
                        .hasMessageContaining(FakeAws.ROLE + " has none")
                        .hasMessageContaining("aws eks create-access-entry --cluster-name prod --principal-arn "
                                + FakeAws.ROLE)
                        .satisfies(e -> assertThat(((EksAccessException) e).principalArn()).contains(FakeAws.CALLER));
            }
        }

        @Test
        void preflight_withConfigMapFallbackAndNoEntry_reportsMissingWithoutFailing() {
            aws.callerIdentity();
            aws.cluster("prod", "ACTIVE", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Y2E=", "API_AND_CONFIG_MAP");
            aws.accessEntries("prod");

            try (EksDeployer deployer = deployer("prod")) {
                EksClusterAccess access = deployer.preflight();
                assertThat(access.accessEntry()).isEqualTo(AccessEntry.MISSING);
                assertThat(access.principalArn()).isEqualTo(FakeAws.CALLER);
                assertThat(access.accessEntryPrincipal()).isEqualTo(FakeAws.ROLE);
                assertThat(access.accessHint()).hasValueSatisfying(h -> assertThat(h).contains("no access entry"));
            }
        }

        @Test
        void preflight_findsEntryOfRoleWithPath() {
            aws.callerIdentity();
            aws.cluster("prod", "ACTIVE", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Y2E=", "API");
            aws.accessEntries("prod", "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/teams/ci/deployer");

            try (EksDeployer deployer = deployer("prod")) {
                assertThat(deployer.preflight().accessEntry()).isEqualTo(AccessEntry.FOUND);
            }
        }

        @Test
        void preflight_withExactEntry_findsIt() {
            aws.callerIdentity();
            aws.cluster("prod", "ACTIVE", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Y2E=", "API");
            aws.accessEntry("prod", FakeAws.ROLE);

            try (EksDeployer deployer = deployer("prod")) {
                EksClusterAccess access = deployer.preflight();
                assertThat(access.accessEntry()).isEqualTo(AccessEntry.FOUND);
                assertThat(access.endpoint()).isEqualTo("https://ABC.gr7.eu-west-1.eks.amazonaws.com");
            }
        }

        @Test
        void preflight_withConfigMapOnly_doesNotAskForEntries() {
            aws.callerIdentity();
            aws.cluster("prod", "ACTIVE", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "Y2E=", "CONFIG_MAP");

            try (EksDeployer deployer = deployer("prod")) {
                assertThat(deployer.preflight().accessEntry()).isEqualTo(AccessEntry.NOT_USED);
            }
        }

        @Test
        void preflight_whenStsRefusesCredentials_failsClearlyWithoutSecrets() {
            aws.callerRefused();

            try (EksDeployer deployer = deployer("prod")) {
                assertThatThrownBy(deployer::preflight).isInstanceOf(EksAccessException.class)
                        .hasMessageContaining("AWS refused the credentials (InvalidClientTokenId")
                        .satisfies(e -> assertThat(fullText(e)).doesNotContain(FakeAws.SECRET_KEY)
                                .doesNotContain(FakeAws.SESSION_TOKEN));
            }
        }

        @Test
        void preflight_whenClusterMissing_saysCheckNameAndRegion() {
            aws.callerIdentity();
            aws.noSuchCluster("nope");

            try (EksDeployer deployer = deployer("nope")) {
                assertThatThrownBy(deployer::preflight).isInstanceOf(EksException.class)
                        .hasMessageContaining("EKS cluster 'nope' not found").hasMessageContaining("region");
            }
        }
    }

    /** The cluster endpoint is fabric8's mock server over TLS; its certificate is the cluster CA. */
    @Nested
    class KubernetesConnection {

        KubernetesMockServer k8s;
        String caData;

        @BeforeEach
        void startKubernetes() throws Exception {
            k8s = new KubernetesMockServer(true);
            k8s.init();
            caData = Base64.getEncoder().encodeToString(
                    Files.readAllBytes(Path.of(k8s.getSelfSignedCertificate().certificatePath())));
            aws.callerIdentity();
        }

        @AfterEach
        void stopKubernetes() {
            k8s.destroy();
        }

        String endpoint() {
            return "https://localhost:" + k8s.getPort();
        }

        @Test
        void client_trustsClusterCaAndSendsEksToken() throws Exception {
            aws.cluster("prod", "ACTIVE", endpoint(), caData, "CONFIG_MAP");
            k8s.expect().get().withPath("/api/v1/namespaces/shop/pods/p1")
                    .andReturn(200, new PodBuilder().withNewMetadata().withName("p1").endMetadata().build()).once();

            try (EksDeployer deployer = deployer("prod")) {
                KubernetesClient client = deployer.kubernetesClient();
                assertThat(client.pods().inNamespace("shop").withName("p1").get().getMetadata().getName()).isEqualTo("p1");
            }
            RecordedRequest request = k8s.takeRequest(5, TimeUnit.SECONDS);
            String token = bearer(request);
            assertThat(token).startsWith("k8s-aws-v1.");
            String url = new String(Base64.getUrlDecoder().decode(token.substring(11)), StandardCharsets.UTF_8);
            assertThat(URI.create(url).getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
            assertThat(url).contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id");
        }

        @Test
        void close_closesOnlyWhatTheDeployerCreated() throws Exception {
            aws.cluster("prod", "ACTIVE", endpoint(), caData, "CONFIG_MAP");
            k8s.expect().get().withPath("/api/v1/namespaces/shop/pods/p1")
                    .andReturn(200, new PodBuilder().withNewMetadata().withName("p1").endMetadata().build()).always();
            EksDeployer deployer = deployer("prod");
            KubernetesClient created = deployer.kubernetesClient();
            assertThat(created.pods().inNamespace("shop").withName("p1").get()).isNotNull();

            deployer.close();

            // ours is closed, the caller's AWS clients are not
            assertThatThrownBy(() -> created.pods().inNamespace("shop").withName("p1").get())
                    .isInstanceOf(RuntimeException.class);
            assertThat(eks.describeCluster(r -> r.name("prod")).cluster().statusAsString()).isEqualTo("ACTIVE");
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(FakeAws.CALLER);
            assertThatThrownBy(deployer::kubernetesClient).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void close_leavesCallersKubernetesClientOpen() {
            try (KubernetesClient mine = k8s.createClient()) {
                k8s.expect().get().withPath("/api/v1/namespaces/shop/pods/p1")
                        .andReturn(200, new PodBuilder().withNewMetadata().withName("p1").endMetadata().build()).always();
                EksDeployer deployer = EksDeployer.builder().kubernetesClient(mine).build();
                assertThat(deployer.kubernetesClient()).isSameAs(mine);

                deployer.close();

                assertThat(mine.pods().inNamespace("shop").withName("p1").get()).isNotNull();
            }
        }

        @Test
        void client_whenCaIsNotTheClusters_refusesTls() throws Exception {
            KubernetesMockServer other = new KubernetesMockServer(true);
            other.init();
            String otherCa = Base64.getEncoder().encodeToString(Files.readAllBytes(
                    Path.of(other.getSelfSignedCertificate().certificatePath())));
            other.destroy();
            aws.cluster("prod", "ACTIVE", endpoint(), otherCa, "CONFIG_MAP");

            try (EksDeployer deployer = deployer("prod")) {
                KubernetesClient client = deployer.kubernetesClient();
                assertThatThrownBy(() -> client.pods().inNamespace("shop").withName("p1").get())
                        .isInstanceOf(KubernetesClientException.class);
            }
            assertThat(k8s.getRequestCount()).isZero();
        }

        @Test
        void client_on401_renewsTokenAndRetriesOnce() throws Exception {
            aws.cluster("prod", "ACTIVE", endpoint(), caData, "CONFIG_MAP");
            k8s.expect().get().withPath("/api/v1/namespaces/shop/pods/p1").andReturn(401, new StatusBuilder()
                    .withCode(401).withReason("Unauthorized").withMessage("Unauthorized").build()).once();
            k8s.expect().get().withPath("/api/v1/namespaces/shop/pods/p1")
                    .andReturn(200, new PodBuilder().withNewMetadata().withName("p1").endMetadata().build()).once();

            // each reading of this clock is a second later, so the renewed token has a new X-Amz-Date
            FakeClock ticking = new FakeClock(clock.instant()) {
                @Override
                public Instant instant() {
                    advance(Duration.ofSeconds(1));
                    return super.instant();
                }
            };
            try (EksDeployer deployer = EksDeployer.builder().cluster("prod").region(Region.EU_WEST_1)
                    .credentialsProvider(FakeAws.CREDENTIALS).eksClient(eks).stsClient(sts).clock(ticking).build()) {
                KubernetesClient client = deployer.kubernetesClient();
                assertThat(client.pods().inNamespace("shop").withName("p1").get()).isNotNull();
            }
            String first = bearer(k8s.takeRequest(5, TimeUnit.SECONDS));
            String second = bearer(k8s.takeRequest(5, TimeUnit.SECONDS));
            assertThat(second).startsWith("k8s-aws-v1.").isNotEqualTo(first);
        }

        @Test
        void deploy_whenKubernetesKeepsRefusing_explainsAccessWithoutSecrets() {
            aws.cluster("prod", "ACTIVE", endpoint(), caData, "API_AND_CONFIG_MAP");
            aws.accessEntries("prod");
            k8s.expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments/web").andReturn(401, new StatusBuilder()
                    .withCode(401).withReason("Unauthorized").withMessage("Unauthorized").build()).always();
            PrintStream err = System.err;
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            Throwable thrown;
            String tokenValue;
            try (EksDeployer deployer = deployer("prod")) {
                thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> deployer.deploy(EksWorkload.deployment("shop", "web"), "web:2"));
                tokenValue = bearer(k8s.takeRequest(5, TimeUnit.SECONDS));
                assertThat(deployer.toString()).doesNotContain(FakeAws.SECRET_KEY);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                System.setErr(err);
            }

            assertThat(thrown).isInstanceOf(EksAccessException.class)
                    .hasMessageContaining("did not accept the credentials of " + FakeAws.CALLER + " (HTTP 401)")
                    .hasMessageContaining("has no access entry in cluster prod");
            String captured = logs.toString(StandardCharsets.UTF_8);
            assertThat(captured).as("debug logs were captured").contains("answered 401");
            for (String secret : new String[] {FakeAws.SECRET_KEY, FakeAws.SESSION_TOKEN, tokenValue,
                    tokenValue.substring(11, 40)}) {
                assertThat(fullText(thrown)).doesNotContain(secret);
                assertThat(captured).doesNotContain(secret);
            }
        }
    }

    static String bearer(RecordedRequest request) {
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("Bearer ");
        return header.substring("Bearer ".length());
    }

    /** Messages, toStrings and stack traces of a throwable and its causes. */
    static String fullText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
