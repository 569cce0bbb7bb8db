package io.github.ecrtoolkit.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR API (JSON 1.1 over POST /) played by WireMock on loopback, with an {@link EcrClient}
 * pointed at it. The registry endpoint stays real: tokens name a test registry as proxyEndpoint.
 */
public final class FakeEcrApi implements AutoCloseable {

    /** The AWS secret key the client signs with; tests check it never shows up. */
    public static final String SECRET_KEY = "aws-secret";

    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    private final WireMockServer server;
    private final EcrClient client;

    public FakeEcrApi() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = EcrClient.builder().endpointOverride(URI.create(server.baseUrl())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    public WireMockServer server() {
        return server;
    }

    public EcrClient client() {
        return client;
    }

    /** A POST of ECR operation {@code operation}, e.g. {@code CreateRepository}. */
    public static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    /** Requests of ECR operation {@code operation}, for {@code server().verify(..)}. */
    public static RequestPatternBuilder calls(String operation) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation));
    }

    /** A {@code GetAuthorizationToken} answer: {@code AWS:<password>}, valid until {@code expires}. */
    public static String tokenBody(String password, String endpoint, Instant expires) {
        String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":" + expires.getEpochSecond()
                + ",\"proxyEndpoint\":\"" + endpoint + "\"}]}";
    }

    /**
     * Answers {@code GetAuthorizationToken} with a 12-hour token for {@code endpoint} while scenario
     * "token" is in {@code state}, then moves it to {@code next} (null: stays).
     */
    public void stubToken(String state, String next, String password, String endpoint) {
        ScenarioMappingBuilder stub = call("GetAuthorizationToken").inScenario("token").whenScenarioStateIs(state)
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(tokenBody(password, endpoint, Instant.now().plus(Duration.ofHours(12)))));
        server.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
