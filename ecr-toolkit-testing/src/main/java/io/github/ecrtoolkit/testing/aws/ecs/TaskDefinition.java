package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One task definition revision as the stand-in holds it: the registered JSON (as ECS describes
 * it) with readers for what tests usually check.
 *
 * @param arn its ARN, {@code …:task-definition/<family>:<revision>}
 * @param family its family
 * @param revision its revision number, from 1
 * @param status {@code ACTIVE} or {@code INACTIVE} (deregistered)
 * @param json the description, as {@code DescribeTaskDefinition} returns it
 * @param tags its tags
 */
public record TaskDefinition(String arn, String family, int revision, String status, JsonNode json, Map<String, String> tags) {

    public TaskDefinition {
        json = json.deepCopy();
        tags = Map.copyOf(tags);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /** The image of the first container. */
    public String image() {
        return json.path("containerDefinitions").path(0).path("image").asText();
    }

    /** The task-level cpu units, such as {@code 256}. */
    public String cpu() {
        return json.path("cpu").asText();
    }

    /** The task-level memory in MiB, such as {@code 512}. */
    public String memory() {
        return json.path("memory").asText();
    }

    /** {@code runtimePlatform.cpuArchitecture}: {@code X86_64}, {@code ARM64}, or empty. */
    public String cpuArchitecture() {
        return json.path("runtimePlatform").path("cpuArchitecture").asText();
    }

    public String executionRoleArn() {
        return json.path("executionRoleArn").asText();
    }

    /** The container ports of the first container. */
    public List<Integer> containerPorts() {
        return json.path("containerDefinitions").path(0).path("portMappings").findValues("containerPort").stream()
                .map(JsonNode::asInt).toList();
    }
}
