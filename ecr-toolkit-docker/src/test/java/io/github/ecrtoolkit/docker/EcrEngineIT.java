package io.github.ecrtoolkit.docker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

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
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR flow with a Dockerfile that needs {@code RUN}: WireMock plays {@code GetAuthorizationToken}
 * (its proxyEndpoint is the real Basic-auth registry), {@code Registry.build} finds the engine
 * builder by ServiceLoader, the engine pushes with the ECR token.
 */
@ExtendWith(TestServices.class)
class EcrEngineIT {

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    @TempDir
    Path dir;

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

    private void stubToken(String state, String next, String password, String endpoint) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        var stub = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .inScenario("token").whenScenarioStateIs(state)
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":"
                                + Instant.now().plus(Duration.ofHours(12)).getEpochSecond() + ",\"proxyEndpoint\":\"" + endpoint + "\"}]}"));
        ecrApi.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    @Test
    void registryBuild_withRun_isBuiltOnTheEngineAndPushedWithTheEcrToken(TestRegistry registry, TestTools tools,
            TestDockerEngine cli) throws Exception {
        stubToken(Scenario.STARTED, null, registry.password().orElseThrow(), registry.url());
        Path context = Contexts.withDockerfile(dir, tools,
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo from-ecr-flow > /out\"]",
                "CMD [\"/bin/busybox\",\"cat\",\"/out\"]");
        String repository = "ecr/engine-" + Contexts.suffix();
        Path config = Files.createDirectories(dir.resolve("cli"));

        PushResult result;
        try (Registry ecrRegistry = Registry.builder().ecr(ecr).allowInsecureLoopback(true).build()) {
            result = ecrRegistry.build(context).tag(repository + ":1").push();
        } finally {
            cli.docker(config, "rmi", "--force", registry.host() + "/" + repository + ":1");
        }

        assertThat(result.reference().toString()).isEqualTo(registry.host() + "/" + repository + ":1");
        String digest = Commands.run(tools.skopeo().toString(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                "--creds", "AWS:" + registry.password().orElseThrow(), "docker://" + result.reference()).assertSuccess().stdout().trim();
        assertThat(digest).isEqualTo(result.digest().toString());
        CliLogin.login(cli, config, registry);
        String pinned = registry.host() + "/" + repository + "@" + result.digest();
        try {
            cli.docker(config, "pull", pinned).assertSuccess();
            assertThat(cli.docker(config, "run", "--rm", pinned).assertSuccess().stdout().trim()).isEqualTo("from-ecr-flow");
        } finally {
            cli.docker(config, "rmi", "--force", pinned);
        }
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken")));
    }

    @Test
    void registryBuild_whenTheEcrTokenExpired_fetchesANewOneAndPushes(TestRegistry registry, TestTools tools,
            TestDockerEngine cli) throws Exception {
        stubToken(Scenario.STARTED, "renewed", "expired-" + Contexts.suffix(), registry.url());
        stubToken("renewed", null, registry.password().orElseThrow(), registry.url());
        Path context = Contexts.withDockerfile(dir, tools, "FROM scratch", "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\",\"true\"]");
        String repository = "ecr/engine-refresh-" + Contexts.suffix();

        try (Registry ecrRegistry = Registry.builder().ecr(ecr).allowInsecureLoopback(true).build()) {
            PushResult result = ecrRegistry.build(context).tag(repository + ":1")
                    .builder(DockerEngineBuilder.on(DockerHost.unixSocket(cli.socket()))).push();
            assertThat(result.layers()).isNotEmpty();
        } finally {
            cli.docker(dir.resolve("cfg"), "rmi", "--force", registry.host() + "/" + repository + ":1");
        }
        ecrApi.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken")));
    }
}
