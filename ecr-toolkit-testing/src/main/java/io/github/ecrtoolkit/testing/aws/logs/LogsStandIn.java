package io.github.ecrtoolkit.testing.aws.logs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Json;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;

/**
 * CloudWatch Logs log groups: created (with tags), described by prefix, given a retention, tagged,
 * deleted — with the service's {@code ResourceAlreadyExistsException} and
 * {@code ResourceNotFoundException}, and its only valid retention values.
 *
 * <pre>{@code
 * assertThat(aws.logs().logGroup("/ecs/orders")).hasValueSatisfying(
 *         group -> assertThat(group.retentionInDays()).hasValue(30));
 * }</pre>
 */
public final class LogsStandIn implements ServiceStandIn {

    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private final AwsStandIn aws;
    private final Map<String, LogGroup> groups = new LinkedHashMap<>();

    public LogsStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    // ---- state

    public synchronized Optional<LogGroup> logGroup(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public synchronized List<LogGroup> logGroups() {
        return List.copyOf(groups.values());
    }

    /** A log group as if created before the test, such as one another team owns. */
    public synchronized LogGroup givenLogGroup(String name, Map<String, String> tags) {
        LogGroup group = new LogGroup(name, arn(name), aws.now().minus(Duration.ofDays(1)), OptionalInt.empty(), tags);
        groups.put(name, group);
        return group;
    }

    // ---- the API

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        JsonNode body = request.json();
        return switch (operation) {
            case "CreateLogGroup" -> create(required(body, "logGroupName"), body.path("tags"));
            case "DescribeLogGroups" -> describe(body.path("logGroupNamePrefix").asText(""));
            case "PutRetentionPolicy" -> retention(existing(required(body, "logGroupName")), body.path("retentionInDays").asInt());
            case "DeleteLogGroup" -> {
                groups.remove(existing(required(body, "logGroupName")).name());
                yield AwsResponse.json(Json.object());
            }
            case "ListTagsForResource" -> listTags(byArn(required(body, "resourceArn")));
            case "TagResource" -> tag(byArn(required(body, "resourceArn")), body.path("tags"));
            default -> throw AwsFaultException.notFaked(signingName(), operation);
        };
    }

    private AwsResponse create(String name, JsonNode tagsNode) {
        if (groups.containsKey(name)) {
            throw new AwsFaultException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tagsNode.fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        groups.put(name, new LogGroup(name, arn(name), aws.now(), OptionalInt.empty(), tags));
        return AwsResponse.json(Json.object());
    }

    private AwsResponse describe(String prefix) {
        ArrayNode list = Json.array();
        groups.values().stream().filter(group -> group.name().startsWith(prefix)).forEach(group -> {
            ObjectNode node = list.addObject().put("logGroupName", group.name()).put("arn", group.arn() + ":*")
                    .put("logGroupArn", group.arn()).put("creationTime", group.created().toEpochMilli()).put("storedBytes", 0);
            group.retentionInDays().ifPresent(days -> node.put("retentionInDays", days));
        });
        return AwsResponse.json(Json.object().set("logGroups", list));
    }

    private AwsResponse retention(LogGroup group, int days) {
        if (!RETENTION_DAYS.contains(days)) {
            throw new AwsFaultException(400, "InvalidParameterException", "1 validation error detected: Value '" + days
                    + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " + RETENTION_DAYS);
        }
        groups.put(group.name(), new LogGroup(group.name(), group.arn(), group.created(), OptionalInt.of(days), group.tags()));
        return AwsResponse.json(Json.object());
    }

    private AwsResponse listTags(LogGroup group) {
        ObjectNode tags = Json.object();
        group.tags().forEach(tags::put);
        return AwsResponse.json(Json.object().set("tags", tags));
    }

    private AwsResponse tag(LogGroup group, JsonNode tagsNode) {
        Map<String, String> tags = new LinkedHashMap<>(group.tags());
        tagsNode.fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        groups.put(group.name(), new LogGroup(group.name(), group.arn(), group.created(), group.retentionInDays(), tags));
        return AwsResponse.json(Json.object());
    }

    private LogGroup existing(String name) {
        LogGroup group = groups.get(name);
        if (group == null) {
            throw new AwsFaultException(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return group;
    }

    private LogGroup byArn(String arn) {
        String plain = arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
        return groups.values().stream().filter(group -> group.arn().equals(plain)).findFirst()
                .orElseThrow(() -> new AwsFaultException(400, "ResourceNotFoundException", "The specified resource does not exist."));
    }

    private String arn(String name) {
        return aws.account().regionalArn("logs", "log-group:" + name);
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw new AwsFaultException(400, "InvalidParameterException", "1 validation error detected: Value null at '"
                    + field + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
