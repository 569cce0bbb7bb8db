package io.github.ecrtoolkit.core.ecr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.FakeClock;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The ECR flow end to end: WireMock plays the ECR API, its proxyEndpoint is the real local registry. */
@ExtendWith(TestServices.class)
class EcrIT {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private WireMockServer ecrApi;
    private EcrClient ecr;

    @BeforeEach
    void start() {
        ecrApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ecrApi.start();
        ecr = EcrClient.builder().endpointOverride(URI.create(ecrApi.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "aws-secret")))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        ecr.close();
        ecrApi.stop();
    }

    private static String tokenBody(String password, String endpoint, Instant expires) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":" + expires.getEpochSecond()
                + ",\"proxyEndpoint\":\"" + endpoint + "\"}]}";
    }

    private void stubToken(String scenarioState, String nextState, String password, String endpoint) {
        var stub = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .inScenario("token").whenScenarioStateIs(scenarioState)
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(tokenBody(password, endpoint, Instant.now().plus(Duration.ofHours(12)))));
        ecrApi.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    private static Path context(Path dir, TestTools tools) throws Exception {
        Files.copy(tools.busybox(), dir.resolve("busybox"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"true\"]\n");
        return dir;
    }

    @Test
    void push_throughEcrToken_createsTheRepositoryWithSettings_andPushesToTheProxyEndpoint(TestRegistry registry, TestTools tools,
                                                                                          @TempDir Path dir) throws Exception {
        stubToken(Scenario.STARTED, null, registry.password().orElseThrow(), registry.url());
        ecrApi.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository does not exist\"}")));
        ecrApi.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateRepository"))
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
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken")));
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateRepository"))
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(repository)))
                .withRequestBody(matchingJsonPath("$.imageScanningConfiguration.scanOnPush", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.imageTagMutability", equalTo("IMMUTABLE")))
                .withRequestBody(matchingJsonPath("$.encryptionConfiguration.encryptionType", equalTo("AES256")))
                .withRequestBody(matchingJsonPath("$.tags[0].Key", equalTo("team"))));
    }

    @Test
    void push_whenTheTokenExpired_refreshesOnceOn401_andSucceeds(TestRegistry registry, TestTools tools, @TempDir Path dir)
            throws Exception {
        stubToken(Scenario.STARTED, "renewed", "expired-" + UUID.randomUUID(), registry.url());
        stubToken("renewed", null, registry.password().orElseThrow(), registry.url());

        try (Registry ecrRegistry = Registry.builder().ecr(ecr).allowInsecureLoopback(true).build()) {
            PushResult result = ecrRegistry.build(context(dir, tools)).tag("ecr/refresh-" + UUID.randomUUID().toString().substring(0, 8) + ":1").push();
            assertThat(result.digest()).isNotNull();
        }
        ecrApi.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken")));
    }

    @Test
    void token_isRenewedAtHalfLife() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        ecrApi.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(tokenBody("pw", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com", now.plus(Duration.ofHours(12))))));
        FakeClock clock = new FakeClock(now);
        EcrAuthorization auth = EcrAuthorization.create(ecr, clock);

        assertThat(auth.credentials().password()).contains("pw");
        assertThat(auth.proxyEndpoint().getHost()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        clock.set(now.plus(Duration.ofHours(5)));
        auth.credentials();
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/")));
        clock.set(now.plus(Duration.ofHours(6)).plusSeconds(1));
        auth.credentials();
        ecrApi.verify(2, postRequestedFor(urlEqualTo("/")));
        assertThat(auth.toString()).doesNotContain("pw");
    }

    @Test
    void getAuthorizationToken_denied_failsClearly() {
        ecrApi.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform ecr:GetAuthorizationToken\"}")));
        assertThatThrownBy(() -> Registry.ecr(ecr)).isInstanceOf(EcrException.class)
                .hasMessageContaining("GetAuthorizationToken").hasMessageContaining("not authorized")
                .hasMessageNotContaining("aws-secret");
    }
}
