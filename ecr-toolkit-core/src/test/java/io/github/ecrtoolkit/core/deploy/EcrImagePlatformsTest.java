package io.github.ecrtoolkit.core.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.internal.DefaultImagePlatforms;
import io.github.ecrtoolkit.core.deploy.internal.PlatformLookup;
import io.github.ecrtoolkit.testing.FakeEcrApi;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How the ECR lookup fails: what skips the check (with its reason) and what never reaches AWS. */
class EcrImagePlatformsTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.5.0";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", FakeEcrApi.SECRET_KEY));

    private FakeEcrApi ecr;
    private ImagePlatforms lookup;

    @BeforeEach
    void start() {
        ecr = new FakeEcrApi();
        lookup = EcrImagePlatforms.builder().credentialsProvider(CREDENTIALS).endpointOverride(URI.create(ecr.server().baseUrl()))
                .build();
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    @Test
    void imageOnAnotherRegistry_isNotKnown_andAsksNothing() {
        assertThat(lookup.of("registry.example.com/orders:1")).isEmpty();
        assertThat(lookup.of("orders:1")).isEmpty();
        assertThat(ecr.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void tokenDenied_isUnavailable_accessDenied_withoutTheSecret() {
        ecr.server().stubFor(FakeEcrApi.call("GetAuthorizationToken").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::123456789012:user/ci is not "
                        + "authorized to perform: ecr:GetAuthorizationToken\"}")));

        assertThatThrownBy(() -> lookup.of(IMAGE)).isInstanceOfSatisfying(PlatformsUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED))
                .hasMessageContaining("cannot read the platforms of " + IMAGE).hasMessageContaining("ecr:GetAuthorizationToken")
                .hasMessageNotContaining(FakeEcrApi.SECRET_KEY);
    }

    @Test
    void registryOutOfReach_isUnavailable_andADeployerSkipsTheCheck_namingWhy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ecr.server().stubFor(FakeEcrApi.call("GetAuthorizationToken").willReturn(aResponse()
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(FakeEcrApi.tokenBody("registry-password", "http://127.0.0.1:" + closed, Instant.now().plus(Duration.ofHours(12))))));
        List<String> skipped = new ArrayList<>();

        assertThat(PlatformLookup.platformsOrSkip(lookup, IMAGE, skipped::add)).isEmpty();

        assertThat(skipped).singleElement().satisfies(why -> assertThat(why).startsWith("cannot read the platforms of " + IMAGE)
                .doesNotContain("registry-password"));
        assertThatThrownBy(() -> lookup.of(IMAGE)).isInstanceOfSatisfying(PlatformsUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void deployerDefaults_keepAStandInEndpoint_butNotAnotherAwsServicesOne() {
        assertThat(DefaultImagePlatforms.of(CREDENTIALS, java.util.Optional.of(URI.create("http://127.0.0.1:4566"))).toString())
                .contains("endpoint http://127.0.0.1:4566");
        assertThat(DefaultImagePlatforms.of(null, java.util.Optional.of(URI.create("https://ecs.eu-west-1.amazonaws.com"))).toString())
                .doesNotContain("endpoint").contains("default credentials");
        assertThat(DefaultImagePlatforms.of(null, java.util.Optional.of(
                URI.create("https://vpce-0a1b-ecs.ecs.eu-west-1.vpce.amazonaws.com"))).toString()).doesNotContain("endpoint");
    }
}
