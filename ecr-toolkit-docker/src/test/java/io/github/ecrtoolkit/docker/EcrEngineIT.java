package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR flow with a Dockerfile that needs {@code RUN}: WireMock plays {@code GetAuthorizationToken}
 * (its proxyEndpoint is the real Basic-auth registry), {@code Registry.build} finds the engine
 * builder by ServiceLoader, the engine pushes with the ECR token.
 */
@ExtendWith(TestServices.class)
class EcrEngineIT {

    @TempDir
    Path dir;

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


    @Test
    void registryBuild_withRun_isBuiltOnTheEngineAndPushedWithTheEcrToken(TestRegistry registry, TestTools tools,
            TestDockerEngine cli) throws Exception {
        ecrApi.stubToken(Scenario.STARTED, null, registry.password().orElseThrow(), registry.url());
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
        ecrApi.server().verify(1, FakeEcrApi.calls("GetAuthorizationToken"));
    }

    @Test
    void registryBuild_whenTheEcrTokenExpired_fetchesANewOneAndPushes(TestRegistry registry, TestTools tools,
            TestDockerEngine cli) throws Exception {
        ecrApi.stubToken(Scenario.STARTED, "renewed", "expired-" + Contexts.suffix(), registry.url());
        ecrApi.stubToken("renewed", null, registry.password().orElseThrow(), registry.url());
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
        ecrApi.server().verify(2, FakeEcrApi.calls("GetAuthorizationToken"));
    }
}
