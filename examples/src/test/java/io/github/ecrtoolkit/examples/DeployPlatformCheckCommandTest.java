package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.registry.LocalRegistry;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CPUArchitecture;

/**
 * {@code deploy-ecs}, {@code ecs up} and {@code eks app} check an ECR image's platforms first: one
 * {@code error:} line, or {@code --skip-platform-check}.
 */
@EnableKubernetesMockClient(crud = true)
class DeployPlatformCheckCommandTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-amd64:1";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        // the command takes credentials from the default chain: system properties are its first link
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_ACCESS_KEY);
        try (EcsClient ecs = aws.configure(EcsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build()) {
            aws.ecs().givenCluster("prod");
            String arm64 = ecs.registerTaskDefinition(r -> r.family("orders").networkMode("bridge")
                    .runtimePlatform(p -> p.cpuArchitecture(CPUArchitecture.ARM64))
                    .containerDefinitions(c -> c.name("web").image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1")
                            .memory(256).essential(true))).taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster("prod").serviceName("orders").taskDefinition(arm64).desiredCount(1).launchType("EC2"));
        }
        aws.ecr().registry(registry.host(), registry.credentials());
        try (Registry target = registry.client()) {
            target.image().layer(Files.writeString(dir.resolve("app.txt"), "amd64"), "/app/app.txt").platform("linux/amd64")
                    .tag("orders-amd64:1").push();
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.endpointUrlEcr");
        client.nodes().delete();
    }

    @Test
    void ecsUp_amd64ImageOnArm64_printsOneErrorLine_andCreatesNothing() {
        int exit = ecsUp("--arch", "arm64");

        assertThat(exit).isEqualTo(1);
        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error.lines().toList()).singleElement().satisfies(line -> assertThat(line).startsWith("error: image " + IMAGE
                + " is built for linux/amd64").contains("ECS service shop/orders (FARGATE, runtimePlatform ARM64)")
                .contains("nothing was changed"));
        assertThat(aws.operations("ecr")).contains("GetAuthorizationToken");
        assertThat(aws.operations("ecs")).containsExactly("RegisterTaskDefinition", "CreateService");   // the set-up's only
        assertThat(aws.ecs().cluster("shop")).isEmpty();
        assertThat(aws.iam().roles()).isEmpty();
    }

    @Test
    void ecsUp_withSkipPlatformCheck_readsNoPlatforms_andCreatesTheService() {
        int exit = ecsUp("--arch", "arm64", "--skip-platform-check");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(aws.operations("ecr")).isEmpty();
        assertThat(aws.ecs().service("shop", "orders")).isPresent();
    }

    @Test
    void eksApp_amd64ImageOnArm64Nodes_printsOneErrorLine_andAppliesNothing(@TempDir Path dir) throws Exception {
        arm64Node();

        int exit = eksApp(dir);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: image " + IMAGE + " is built for linux/amd64").contains("kubernetes.io/arch: arm64")
                .contains("nothing was changed"));
        assertThat(aws.operations("ecr")).contains("GetAuthorizationToken");
        assertThat(client.namespaces().withName("cli").get()).isNull();
    }

    @Test
    void eksApp_withSkipPlatformCheck_readsNoPlatforms_andApplies(@TempDir Path dir) throws Exception {
        arm64Node();

        eksApp(dir, "--skip-platform-check");   // nothing drives the rollout here: only what was applied counts

        assertThat(aws.operations("ecr")).isEmpty();
        assertThat(client.apps().deployments().inNamespace("cli").withName("web").get()).isNotNull();
    }

    private void arm64Node() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("graviton-1")
                .withLabels(Map.of("kubernetes.io/arch", "arm64", "kubernetes.io/os", "linux")).endMetadata().build()).create();
    }

    private int ecsUp(String... extra) {
        return run(Stream.concat(Stream.of("ecs", "up", "--name", "orders", "--image", IMAGE, "--cluster", "shop",
                "--endpoint", aws.endpoint().toString(), "--region", "eu-west-1", "--poll-interval", "10ms", "--timeout", "1m"),
                Stream.of(extra)));
    }

    /** Through a kubeconfig: the ECR reads go where the default chain says, the stand-in through aws.endpointUrlEcr. */
    private int eksApp(Path dir, String... extra) throws Exception {
        System.setProperty("aws.endpointUrlEcr", aws.endpoint().toString());
        Path kubeconfig = MockKubeconfig.write(server, dir.resolve("kubeconfig"));
        return run(Stream.concat(Stream.of("eks", "app", "--namespace", "cli", "--name", "web", "--image", IMAGE,
                "--kubeconfig", kubeconfig.toString(), "--poll-interval", "10ms", "--timeout", "1s"), Stream.of(extra)));
    }

    private int run(Stream<String> args) {
        return Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void deployEcs_amd64ImageToAnArm64Service_printsOneErrorLineNamingBoth_andChangesNothing() {
        int exit = deployEcs();

        assertThat(exit).isEqualTo(1);
        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error.lines().toList()).singleElement().satisfies(line -> assertThat(line).startsWith("error: image " + IMAGE
                + " is built for linux/amd64").contains("runtimePlatform ARM64").contains("nothing was changed"));
        assertThat(error).doesNotContain(AwsStandIn.SECRET_ACCESS_KEY).doesNotContain(registry.credentials().password().orElseThrow());
        assertThat(aws.operations("ecs")).containsOnlyOnce("RegisterTaskDefinition")   // the set-up's
                .doesNotContain("UpdateService").endsWith("DescribeServices", "DescribeTaskDefinition");
    }

    @Test
    void deployEcs_withSkipPlatformCheck_readsNoPlatforms_andDeploys() {
        int exit = deployEcs("--skip-platform-check");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("outcome SUCCEEDED");
        assertThat(aws.operations("ecr")).isEmpty();
        assertThat(aws.operations("ecs")).containsSubsequence("RegisterTaskDefinition", "RegisterTaskDefinition", "UpdateService");
    }

    private int deployEcs(String... extra) {
        String[] args = Stream.concat(Stream.of("deploy-ecs", "--cluster", "prod", "--service", "orders", "--image", IMAGE,
                "--container", "web", "--endpoint", aws.endpoint().toString(), "--region", "eu-west-1", "--poll-interval", "10ms",
                "--timeout", "1m"), Stream.of(extra)).toArray(String[]::new);
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
