package io.github.ecrtoolkit.iam.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.docker.DockerHost;
import io.github.ecrtoolkit.iam.doctor.Finding.Status;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;

import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class DoctorTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    @TempDir
    Path dir;

    private StsClient sts;
    private IamClient iam;

    @BeforeEach
    void start() {
        sts = aws.configure(StsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        sts.close();
        iam.close();
    }

    /** A doctor on the stand-in, no registry, an engine socket that does not exist. */
    private Doctor.Builder doctor() {
        return Doctor.builder().credentialsProvider(aws.credentials()).stsClient(sts).iamClient(iam).region("eu-west-1")
                .environment(Map.of()).dockerHost(DockerHost.unixSocket(dir.resolve("no-docker.sock")));
    }

    @Test
    void healthyAccount_reportsSourceIdentityRegionClock_andEveryPreflight_withoutSecrets() {
        DoctorReport report = doctor().build().run();

        assertThat(report.finding("credentials").orElseThrow().detail()).startsWith("from credentials given in code, a long-lived")
                .contains("long-lived access key").contains("IAM Identity Center");
        assertThat(report.finding("identity").orElseThrow().detail()).isEqualTo("account 123456789012, arn:aws:iam::123456789012:user/developer");
        assertThat(report.finding("region").orElseThrow()).isEqualTo(new Finding("region", Status.OK, "eu-west-1 (from given, partition aws)"));
        assertThat(report.finding("clock").orElseThrow().status()).isEqualTo(Status.OK);
        for (Capability capability : Capability.values()) {
            assertThat(report.finding("pre-flight " + capability.cliName()).orElseThrow().detail()).startsWith("all ").endsWith("actions allowed");
        }
        assertThat(report.hasFailures()).isFalse();
        assertThat(report.toString()).doesNotContain(AwsStandIn.SECRET_ACCESS_KEY).doesNotContain(AwsStandIn.ACCESS_KEY_ID);
    }

    @Test
    void noCredentials_oneSentenceNamingTheWays_andTheAwsChecksAreSkipped() throws Exception {
        Path config = Files.writeString(dir.resolve("credentials"), "[other]\naws_access_key_id = AKIAOTHER\n");
        ProfileCredentialsProvider none = ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CREDENTIALS).build()).profileName("course").build();

        DoctorReport report = doctor().credentialsProvider(none).build().run();

        Finding credentials = report.finding("credentials").orElseThrow();
        assertThat(credentials.status()).isEqualTo(Status.FAIL);
        assertThat(credentials.detail()).isEqualTo("No AWS credentials found. " + AwsErrors.PROVIDE_CREDENTIALS)
                .contains("AWS_PROFILE").contains("aws sso login").contains("role");
        assertThat(report.finding("identity")).isEmpty();
        assertThat(aws.calls()).isEmpty();
        assertThat(report.toString()).doesNotContain("AKIAOTHER");
    }

    @Test
    void typoedRegion_failsWithTheClosestRegion() {
        DoctorReport report = doctor().region("eu-wset-1").build().run();

        assertThat(report.finding("region").orElseThrow()).isEqualTo(new Finding("region", Status.FAIL,
                "'eu-wset-1' (from given) is not an AWS region; did you mean eu-west-1?"));
        assertThat(doctor().region("mars-north-9").build().run().finding("region").orElseThrow().detail())
                .isEqualTo("'mars-north-9' (from given) is not an AWS region");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void clockMoreThanFiveMinutesOff_fails_aMinuteOff_warns() {
        DoctorReport far = doctor().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))).build().run();
        DoctorReport near = doctor().clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-130))).build().run();

        Finding farClock = far.finding("clock").orElseThrow();
        assertThat(farClock.status()).isEqualTo(Status.FAIL);
        assertThat(farClock.detail()).matches("ahead of AWS by (599|600|601) s: AWS refuses requests signed more than 5 minutes off; set the clock.*");
        Finding nearClock = near.finding("clock").orElseThrow();
        assertThat(nearClock.status()).isEqualTo(Status.WARN);
        assertThat(nearClock.detail()).matches("behind AWS by 1(29|30|31) s");
    }

    @Test
    void aDeniedAction_andADeniedSimulation_areNamedPerCapability() {
        aws.iam().deny("ecs:UpdateService");

        DoctorReport report = doctor().capabilities(Capability.PUSH, Capability.DEPLOY_ECS).build().run();

        assertThat(report.finding("pre-flight deploy-ecs").orElseThrow()).isEqualTo(new Finding("pre-flight deploy-ecs", Status.WARN,
                "denied ecs:UpdateService (`iam-policy --for deploy-ecs` prints the policy to attach)"));
        assertThat(report.finding("pre-flight push").orElseThrow().status()).isEqualTo(Status.OK);

        aws.fail("iam", "SimulatePrincipalPolicy", AwsFault.accessDenied("iam:SimulatePrincipalPolicy"), 5);
        assertThat(doctor().capabilities(Capability.PUSH).build().run().finding("pre-flight push").orElseThrow().detail())
                .startsWith("unknown: Could not simulate: iam:SimulatePrincipalPolicy is denied");
    }

    @Test
    void anOptionalActionDenied_isAWarningNamingWhatIsSkipped_notADenial() {
        aws.iam().deny("ecr:GetAuthorizationToken");

        DoctorReport report = doctor().capabilities(Capability.ECS_UP).build().run();

        Finding finding = report.finding("pre-flight ecs-up").orElseThrow();
        assertThat(finding.status()).isEqualTo(Status.WARN);
        assertThat(finding.detail()).startsWith("required actions allowed; optional ecr:GetAuthorizationToken denied: "
                + "the deploy-time platform check is skipped").doesNotContain("prints the policy to attach");
    }

    @Nested
    class Registries {

        @Test
        void unresolvableAndClosedPorts_areNetworkProblems_namingTheHost() throws Exception {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }

            DoctorReport report = doctor().registry("registry.does-not-exist.invalid").registry("127.0.0.1:" + closed)
                    .capabilities().build().run();

            assertThat(report.finding("registry registry.does-not-exist.invalid").orElseThrow().detail())
                    .isEqualTo("cannot resolve registry.does-not-exist.invalid: check the name and DNS (a network problem, not credentials)");
            Finding refused = report.finding("registry 127.0.0.1:" + closed).orElseThrow();
            assertThat(refused.status()).isEqualTo(Status.FAIL);
            assertThat(refused.detail()).startsWith("not reachable (ConnectException").contains("not credentials");
        }
    }

    @Nested
    @ExtendWith(TestServices.class)
    class RealServices {

        @Test
        void plainHttpRegistry_isReachable_andNamesTheInsecureOption(@OpenRegistry TestRegistry registry) {
            long started = System.nanoTime();

            Finding finding = doctor().registry(registry.host()).capabilities().build().run()
                    .finding("registry " + registry.host()).orElseThrow();

            assertThat(finding.status()).isEqualTo(Status.WARN);
            assertThat(finding.detail()).startsWith("reachable, speaks plain HTTP, not TLS (HTTP/1.1 200 OK)")
                    .contains("--insecure-registry").contains("allowInsecureLoopback(true)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void dockerEngine_foundWithItsApiVersion(TestDockerEngine engine) {
            Finding finding = doctor().dockerHost(DockerHost.unixSocket(engine.socket())).capabilities().build().run()
                    .finding("docker engine").orElseThrow();

            assertThat(finding.status()).isEqualTo(Status.OK);
            assertThat(finding.detail()).matches("found at unix://" + engine.socket() + ", API 1\\.\\d+");
        }
    }

    @Test
    void credentialsFromAProfile_nameTheProfile_andEnvironmentKeys_nameTheVariables() {
        assertThat(io.github.ecrtoolkit.iam.internal.CredentialSources.describe("n,r"))
                .isEqualTo("a profile, via a profile's IAM Identity Center (SSO) session");
        assertThat(io.github.ecrtoolkit.iam.internal.CredentialSources.describe("g")).isEqualTo("environment variables (AWS_ACCESS_KEY_ID)");
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_ACCESS_KEY);
        try {
            DoctorReport report = doctor().credentialsProvider(
                    software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider.create()).capabilities().build().run();

            assertThat(report.finding("credentials").orElseThrow().detail()).startsWith("from JVM system properties (aws.accessKeyId), a long-lived");
            assertThat(report.toString()).doesNotContain(AwsStandIn.SECRET_ACCESS_KEY).doesNotContain(AwsStandIn.ACCESS_KEY_ID);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void noDockerEngine_isInformation_sayingWhenOneIsNeeded() {
        Finding finding = doctor().capabilities().build().run().finding("docker engine").orElseThrow();

        assertThat(finding.status()).isEqualTo(Status.INFO);
        assertThat(finding.detail()).startsWith("not found at unix://" + dir.resolve("no-docker.sock"))
                .endsWith("needed only for Dockerfiles with RUN; builds without RUN need no engine");
    }
}
