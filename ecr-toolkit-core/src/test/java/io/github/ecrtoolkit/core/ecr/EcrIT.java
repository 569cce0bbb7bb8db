package io.github.ecrtoolkit.core.ecr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.FakeEcrApi;
import io.github.ecrtoolkit.testing.FakeClock;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The ECR flow end to end: WireMock plays the ECR API, its proxyEndpoint is the real local registry. */
@ExtendWith(TestServices.class)
class EcrIT {

    private FakeEcrApi ecrApi;
    private EcrClient ecr;

    @BeforeEach
    void start() {
        ecrApi = new FakeEcrApi();
        ecr = ecrApi.client();
    }

    @AfterEach
    void stop() {
        ecrApi.close();
    }



    private static Path context(Path dir, TestTools tools) throws Exception {
        Files.copy(tools.busybox(), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"true\"]\n");
        return dir;
    }

    @Test
    void push_throughEcrToken_createsTheRepositoryWithSettings_andPushesToTheProxyEndpoint(TestRegistry registry, TestTools tools,
                                                                                          @TempDir Path dir) throws Exception {
        ecrApi.stubToken(Scenario.STARTED, null, registry.password().orElseThrow(), registry.url());
        ecrApi.server().stubFor(FakeEcrApi.call("DescribeRepositories")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository does not exist\"}")));
        ecrApi.server().stubFor(FakeEcrApi.call("CreateRepository")
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"repository\":{\"repositoryName\":\"ecr/app\"}}")));
        String repository = "ecr/app-" + UUID.randomUUID().toString().substring(0, 8);

        try (Registry ecrRegistry = Registry.builder().ecr(ecr).allowInsecureLoopback(true).build()) {
            assertThat(ecrRegistry.host()).isEqualTo(registry.host());
            PushResult result = ecrRegistry.build(context(dir, tools)).tag(repository + ":1")
                    .createRepository(RepositoryOptions.builder().immutableTags(true).tag("team", "orders").build())
                    .push();

            String digest = Commands.run(tools.skopeo().toString(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "--creds", "AWS:" + registry.password().orElseThrow(), "docker://" + result.reference()).assertSuccess().stdout().trim();
            assertThat(digest).isEqualTo(result.digest().toString());
        }
        ecrApi.server().verify(1, FakeEcrApi.calls("GetAuthorizationToken"));
        ecrApi.server().verify(1, FakeEcrApi.calls("CreateRepository")
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)))
                .withRequestBody(matchingJsonPath("$.imageScanningConfiguration.scanOnPush", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.imageTagMutability", equalTo("IMMUTABLE")))
                .withRequestBody(matchingJsonPath("$.encryptionConfiguration.encryptionType", equalTo("AES256")))
                .withRequestBody(matchingJsonPath("$.tags[0].Key", equalTo("team"))));
    }

    @Test
    void push_whenTheTokenExpired_refreshesOnceOn401_andSucceeds(TestRegistry registry, TestTools tools, @TempDir Path dir)
            throws Exception {
        ecrApi.stubToken(Scenario.STARTED, "renewed", "expired-" + UUID.randomUUID(), registry.url());
        ecrApi.stubToken("renewed", null, registry.password().orElseThrow(), registry.url());

        try (Registry ecrRegistry = Registry.builder().ecr(ecr).allowInsecureLoopback(true).build()) {
            PushResult result = ecrRegistry.build(context(dir, tools)).tag("ecr/refresh-" + UUID.randomUUID().toString().substring(0, 8) + ":1").push();
            assertThat(result.digest()).isNotNull();
        }
        ecrApi.server().verify(2, FakeEcrApi.calls("GetAuthorizationToken"));
    }

    @Test
    void token_isRenewedAtHalfLife() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        ecrApi.server().stubFor(FakeEcrApi.call("GetAuthorizationToken")
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(FakeEcrApi.tokenBody("pw", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com", now.plus(Duration.ofHours(12))))));
        FakeClock clock = new FakeClock(now);
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);

        assertThat(auth.credentials().password()).contains("pw");
        assertThat(auth.proxyEndpoint().getHost()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        clock.set(now.plus(Duration.ofHours(5)));
        auth.credentials();
        ecrApi.server().verify(1, postRequestedFor(urlEqualTo("/")));
        clock.set(now.plus(Duration.ofHours(6)).plusSeconds(1));
        auth.credentials();
        ecrApi.server().verify(2, postRequestedFor(urlEqualTo("/")));
        assertThat(auth.toString()).doesNotContain("pw");
    }

    @Test
    void ecrByRegion_createsItsOwnClient_fromTheDefaultChains(TestRegistry registry) {
        ecrApi.stubToken(Scenario.STARTED, null, registry.password().orElseThrow(), registry.url());
        Map<String, String> properties = Map.of("aws.endpointUrlEcr", ecrApi.server().baseUrl(),
                "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", FakeEcrApi.SECRET_KEY);
        properties.forEach(System::setProperty);
        try (Registry ecrRegistry = Registry.builder().ecr(Region.EU_WEST_1).allowInsecureLoopback(true).build()) {
            assertThat(ecrRegistry.host()).isEqualTo(registry.host());
            assertThat(ecrRegistry.isEcr()).isTrue();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        ecrApi.server().verify(1, FakeEcrApi.calls("GetAuthorizationToken"));
    }

    @Test
    void getAuthorizationToken_denied_failsClearly() {
        ecrApi.server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform ecr:GetAuthorizationToken\"}")));
        assertThatThrownBy(() -> Registry.ecr(ecr)).isInstanceOf(EcrException.class)
                .hasMessageContaining("GetAuthorizationToken").hasMessageContaining("not authorized")
                .hasMessageNotContaining(FakeEcrApi.SECRET_KEY);
    }
}
