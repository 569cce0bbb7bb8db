package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import software.amazon.awssdk.regions.Region;

class KubeconfigWriteTest {

    static final String EXISTING = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: dev
              cluster:
                server: https://dev.example.test:6443
                insecure-skip-tls-verify: true
            - name: staging
              cluster:
                server: https://staging.example.test:6443
                insecure-skip-tls-verify: true
            users:
            - name: dev-admin
              user:
                token: dev-token
            - name: staging-admin
              user:
                token: staging-token
            contexts:
            - name: dev
              context:
                cluster: dev
                user: dev-admin
                namespace: team-a
            - name: staging
              context:
                cluster: staging
                user: staging-admin
            current-context: dev
            """;

    static final String CA = Base64.getEncoder().encodeToString(
            "-----BEGIN CERTIFICATE-----\nnot a real CA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    EksClusters clusters;

    @BeforeEach
    void setUp() {
        clusters = EksClusters.builder().region(Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();
    }

    @AfterEach
    void tearDown() {
        clusters.close();
    }

    static EksCluster cluster() {
        return new EksCluster("shop", "arn:aws:eks:eu-west-1:123456789012:cluster/shop", "eu-west-1", "1.33", "ACTIVE",
                "https://ABC123.gr7.eu-west-1.eks.amazonaws.com", CA, true, "API", List.of(), List.of(), List.of(),
                Duration.ZERO);
    }

    @Test
    void mergesIntoAFileWithTwoContexts_keepsBoth_writesABackup_andFabric8ReadsTheResult() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, EXISTING);
        // a command that prints an ExecCredential whatever arguments it is given, as eks-token would
        KubeconfigUser user = KubeconfigUser.command("sh", "-c", "printf '%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"k8s-aws-v1.from-exec\"}}'");

        KubeconfigWritten written = clusters.writeKubeconfig(cluster(), file, user);

        assertThat(written.context()).isEqualTo("arn:aws:eks:eu-west-1:123456789012:cluster/shop");
        assertThat(written.backup()).contains(dir.resolve("config.bak"));
        assertThat(Files.readString(dir.resolve("config.bak"))).isEqualTo(EXISTING);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Config dev = Config.fromKubeconfig("dev", file.toFile());
        assertThat(dev.getMasterUrl()).isEqualTo("https://dev.example.test:6443/");
        assertThat(dev.getAutoOAuthToken()).isEqualTo("dev-token");
        assertThat(dev.getNamespace()).isEqualTo("team-a");
        Config staging = Config.fromKubeconfig("staging", file.toFile());
        assertThat(staging.getMasterUrl()).isEqualTo("https://staging.example.test:6443/");

        Config shop = Config.fromKubeconfig(null, file.toFile());   // the current context: ours now
        assertThat(shop.getCurrentContext().getName()).isEqualTo(written.context());
        assertThat(shop.getMasterUrl()).isEqualTo("https://ABC123.gr7.eu-west-1.eks.amazonaws.com/");
        assertThat(shop.getCaCertData()).isEqualTo(CA);
        assertThat(shop.getAutoOAuthToken()).isEqualTo("k8s-aws-v1.from-exec");   // fabric8 ran the exec user
        assertThat(shop.getContexts()).extracting(c -> c.getName()).containsExactlyInAnyOrder("dev", "staging", written.context());
        String text = Files.readString(file);
        assertThat(text).contains("--cluster", "shop", "--region", "eu-west-1");
    }

    @Test
    void aSecondWrite_replacesItsOwnEntriesInsteadOfAddingMore() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, EXISTING);

        clusters.writeKubeconfig(cluster(), file);
        clusters.writeKubeconfig(cluster(), file);

        var config = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfig(file.toFile());
        assertThat(config.getContexts()).hasSize(3);
        assertThat(config.getClusters()).hasSize(3);
        assertThat(config.getUsers()).hasSize(3);
        var user = config.getUsers().stream().filter(u -> u.getName().equals(cluster().arn())).findFirst().orElseThrow();
        assertThat(user.getUser().getExec().getCommand()).isEqualTo("aws");
        assertThat(user.getUser().getExec().getArgs()).containsExactly("--region", "eu-west-1", "eks", "get-token",
                "--cluster-name", "shop", "--output", "json");
    }

    @Test
    void noFileYet_isCreatedWithoutBackup() throws Exception {
        Path file = dir.resolve(".kube/config");

        KubeconfigWritten written = clusters.writeKubeconfig(cluster(), file,
                KubeconfigUser.ecrToolkit(Path.of("/opt/ecr-toolkit-examples.jar")));

        assertThat(written.backup()).isEmpty();
        var config = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfig(file.toFile());
        assertThat(config.getCurrentContext()).isEqualTo(written.context());
        assertThat(config.getUsers().get(0).getUser().getExec().getArgs()).containsExactly("-jar",
                "/opt/ecr-toolkit-examples.jar", "eks-token", "--cluster", "shop", "--region", "eu-west-1");
    }

    @Test
    void aFileThatIsNotAKubeconfig_isLeftAsItIs() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "- just\n- a list\n");

        assertThatThrownBy(() -> clusters.writeKubeconfig(cluster(), file))
                .isInstanceOfSatisfying(EksException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
        assertThat(Files.readString(file)).isEqualTo("- just\n- a list\n");
    }
}
