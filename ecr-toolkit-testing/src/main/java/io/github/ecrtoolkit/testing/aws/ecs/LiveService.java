package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A service while the stand-in runs it: mutable, guarded by the stand-in's lock. */
final class LiveService {

    final String name;
    final String arn;
    final String cluster;
    final double createdAt;
    String status = "ACTIVE";
    String taskDefinition;
    int desiredCount;
    String launchType;
    JsonNode capacityProviderStrategy;
    JsonNode networkConfiguration;
    JsonNode deploymentConfiguration;
    JsonNode loadBalancers;
    Integer healthCheckGracePeriodSeconds;
    /** The revision of the last deployment that completed: where the circuit breaker rolls back to. */
    String lastCompleted;
    boolean steady;
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<LiveDeployment> deployments = new ArrayList<>();
    /** Every deployment ever started, by id: what {@code DescribeServiceDeployments} answers from. */
    final Map<String, LiveDeployment> history = new LinkedHashMap<>();
    /** Newest first, as ECS lists them. */
    final List<ObjectNode> events = new ArrayList<>();

    LiveService(String name, String arn, String cluster, double createdAt) {
        this.name = name;
        this.arn = arn;
        this.cluster = cluster;
        this.createdAt = createdAt;
    }

    /** Starts a deployment: it becomes PRIMARY, the one before it ACTIVE (replaced). */
    LiveDeployment start(LiveDeployment deployment) {
        deployments.forEach(d -> d.status = "ACTIVE");
        deployments.add(0, deployment);
        history.put(deployment.id, deployment);
        return deployment;
    }

    LiveDeployment primary() {
        return deployments.stream().filter(d -> d.status.equals("PRIMARY")).findFirst().orElseThrow();
    }

    boolean breakerEnabled() {
        return deploymentConfiguration != null && deploymentConfiguration.path("deploymentCircuitBreaker").path("enable").asBoolean();
    }

    boolean breakerRollsBack() {
        return breakerEnabled() && deploymentConfiguration.path("deploymentCircuitBreaker").path("rollback").asBoolean();
    }

    List<String> subnets() {
        return strings(networkConfiguration == null ? null : networkConfiguration.path("awsvpcConfiguration").path("subnets"));
    }

    List<String> securityGroups() {
        return strings(networkConfiguration == null ? null : networkConfiguration.path("awsvpcConfiguration").path("securityGroups"));
    }

    boolean assignPublicIp() {
        return networkConfiguration != null
                && "ENABLED".equals(networkConfiguration.path("awsvpcConfiguration").path("assignPublicIp").asText());
    }

    List<String> capacityProviders() {
        return capacityProviderStrategy == null ? List.of() : capacityProviderStrategy.findValuesAsText("capacityProvider");
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> values.add(node.asText()));
        }
        return values;
    }

    /** A deployment while it runs. */
    static final class LiveDeployment {
        final String id;
        final String taskDefinition;
        final double createdAt;
        String status = "PRIMARY";
        int desiredCount;
        int failedTasks;
        String rolloutState = "IN_PROGRESS";
        String rolloutStateReason;
        /** The deployment of the circuit breaker that rolled this one back, if any. */
        String rolledBackBy;

        LiveDeployment(String id, String taskDefinition, int desiredCount, double createdAt) {
            this.id = id;
            this.taskDefinition = taskDefinition;
            this.desiredCount = desiredCount;
            this.createdAt = createdAt;
            this.rolloutStateReason = "ECS deployment " + id + " in progress.";
        }
    }
}
