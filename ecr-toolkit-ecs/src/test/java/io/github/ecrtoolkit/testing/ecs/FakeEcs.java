package io.github.ecrtoolkit.testing.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * WireMock speaking ECS's JSON 1.1 protocol: {@code POST /} with
 * {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>}. Each operation can replay a
 * sequence of answers (a WireMock scenario per operation; the last answer repeats), and the
 * recorded requests are read back as JSON.
 */
public final class FakeEcs implements AutoCloseable {

    public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    public static final String ACCESS_KEY = "AKIAFAKEEXAMPLE00001";
    public static final String SECRET_KEY = "fake-Secret-Key-never-printed-0123456789";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    public FakeEcs() {
        server.start();
        // a deployer reads an ECR image's platforms through the same endpoint: this fake plays a caller
        // without ECR permissions, so the check is skipped (its own tests use the stand-in and a real registry)
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("AmazonEC2ContainerRegistry_V20150921\\..*"))
                .willReturn(Reply.error(400, "AccessDeniedException", "FakeEcs plays ECS only: no ECR permissions").response()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A client for this fake: fixed fake credentials, and no SDK retries so throttling reaches the deployer. */
    public EcsClient client() {
        return EcsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Answers {@code operation} always the same way. */
    public FakeEcs answer(String operation, Reply reply) {
        server.stubFor(request(operation).willReturn(reply.response()));
        return this;
    }

    /** Answers {@code operation} when its request body matches a JSON path, with priority over other answers. */
    public FakeEcs answerWhen(String operation, String jsonPath, String value, Reply reply) {
        server.stubFor(request(operation).atPriority(1)
                .withRequestBody(matchingJsonPath(jsonPath, equalTo(value))).willReturn(reply.response()));
        return this;
    }

    /** Answers {@code operation} with each reply in turn; the last one repeats. */
    public FakeEcs sequence(String operation, Reply... replies) {
        return sequenceWhen(operation, null, null, replies);
    }

    /** Like {@link #sequence} for the requests whose body matches a JSON path only. */
    public FakeEcs sequenceWhen(String operation, String jsonPath, String value, Reply... replies) {
        String scenario = operation + (jsonPath == null ? "" : " " + jsonPath + "=" + value);
        for (int i = 0; i < replies.length; i++) {
            ScenarioMappingBuilder mapping = request(operation).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step-" + i);
            if (jsonPath != null) {
                mapping = mapping.atPriority(1).withRequestBody(matchingJsonPath(jsonPath, equalTo(value)));
            }
            if (i + 1 < replies.length) {
                mapping = mapping.willSetStateTo("step-" + (i + 1));
            }
            server.stubFor(mapping.willReturn(replies[i].response()));
        }
        return this;
    }

    /** The bodies of the recorded requests of {@code operation}, oldest first. */
    public List<JsonNode> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo(TARGET_PREFIX + operation))).stream().map(r -> parse(r.getBodyAsString())).toList();
    }

    /** Every recorded ECS request's operation, oldest first. */
    public List<String> operations() {
        return server.getAllServeEvents().stream()
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getHeader("X-Amz-Target")).filter(target -> target.startsWith(TARGET_PREFIX))
                .map(target -> target.substring(TARGET_PREFIX.length())).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static MappingBuilder request(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer: a JSON body, or an ECS error ({@code __type} and {@code message}). */
    public record Reply(int status, String body) {

        public static Reply ok(JsonNode body) {
            return new Reply(200, body.toString());
        }

        public static Reply error(int status, String type, String message) {
            return new Reply(status, MAPPER.createObjectNode().put("__type", type).put("message", message).toString());
        }

        public static Reply throttled() {
            return error(400, "ThrottlingException", "Rate exceeded");
        }

        ResponseDefinitionBuilder response() {
            return aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1)
                    .withHeader("x-amzn-RequestId", "8b1d2c3e-0000-4000-8000-00000000cafe").withBody(body);
        }
    }
}
