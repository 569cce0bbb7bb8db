package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EksTokenCommandTest {

    static final String ACCESS_KEY = "AKIAEXAMPLECLITEST01";
    static final String SECRET_KEY = "cliSecretKey/NeverPrinted+0123456789abcdef";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixedCredentials() {
        // the JVM-level twins of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, first in the default chain
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    int run(String... args) throws Exception {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void eksToken_printsExecCredentialForKubeconfig() throws Exception {
        Instant before = Instant.now();

        int code = run("eks-token", "--cluster", "prod", "--region", "eu-west-1");

        assertThat(code).isZero();
        JsonNode credential = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(credential.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(credential.path("kind").asText()).isEqualTo("ExecCredential");
        Instant expiration = Instant.parse(credential.path("status").path("expirationTimestamp").asText());
        assertThat(expiration).isBetween(before.plus(Duration.ofMinutes(13)), Instant.now().plus(Duration.ofMinutes(14)));
        String token = credential.path("status").path("token").asText();
        assertThat(token).startsWith("k8s-aws-v1.");
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8);
        URI uri = URI.create(url);
        assertThat(uri.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(uri.getRawQuery()).contains("Action=GetCallerIdentity").contains("X-Amz-Expires=60")
                .contains("X-Amz-Credential=" + ACCESS_KEY + "%2F").contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id");
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET_KEY);
    }

    @Test
    void eksToken_withoutCluster_printsUsage() throws Exception {
        int code = run("eks-token", "--region", "eu-west-1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: Missing required option: '--cluster=NAME'")
                .contains("usage: ecr-toolkit eks-token").contains("--cluster=NAME").contains("[--region=REGION]");
        assertThat(out.size()).isZero();
    }
}
