package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.Json;
import io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn;

/**
 * ECS Express Mode in the stand-in: an Express service is an ordinary ECS service (so it deploys,
 * fails and rolls back like one) with a configuration, an HTTPS endpoint name and an
 * infrastructure role; its service deployments answer {@code DescribeServiceDeployments}. Called
 * by {@link EcsStandIn} under its lock.
 */
final class ExpressGateway {

    private final EcsStandIn ecs;
    /** By service ARN. */
    private final Map<String, LiveExpress> services = new LinkedHashMap<>();

    ExpressGateway(EcsStandIn ecs) {
        this.ecs = ecs;
    }

    List<LiveExpress> services() {
        return new ArrayList<>(services.values());
    }

    AwsResponse create(JsonNode body) {
        String clusterName = EcsStandIn.shortName(body.path("cluster").asText("default"));
        Cluster cluster = ecs.cluster(clusterName).orElse(null);
        if ((cluster == null || !cluster.active()) && clusterName.equals("default")) {
            cluster = ecs.givenCluster("default", "FARGATE", "FARGATE_SPOT");   // Express creates the default cluster
        }
        cluster = ecs.activeCluster(clusterName);
        String name = EcsStandIn.required(body, "serviceName");
        LiveService existing = ecs.services.get(cluster.name() + "/" + name);
        if (existing != null && !existing.status.equals("INACTIVE")) {
            throw new AwsFaultException(400, "InvalidParameterException", "Creation of service was not idempotent.");
        }
        String executionRole = EcsStandIn.required(body, "executionRoleArn");
        String infrastructureRole = EcsStandIn.required(body, "infrastructureRoleArn");
        if (body.path("primaryContainer").path("image").asText("").isEmpty()) {
            throw new AwsFaultException(400, "InvalidParameterException", "primaryContainer.image can not be blank.");
        }
        ecs.checkAssumable(executionRole);
        ecs.checkAssumable(infrastructureRole);
        ObjectNode configuration = expressConfiguration(Json.object(), body, cluster.name(), name, 1);
        TaskDefinition definition = ecs.register(expressTaskDefinition(name, configuration));
        LiveService service = new LiveService(name, ecs.aws.account().regionalArn("ecs", "service/" + cluster.name() + "/" + name),
                cluster.name(), ecs.seconds());
        service.desiredCount = configuration.path("scalingTarget").path("minTaskCount").asInt(1);
        service.launchType = "FARGATE";
        service.networkConfiguration = expressNetwork(configuration);
        service.deploymentConfiguration = Json.object().set("deploymentCircuitBreaker", Json.object().put("enable", true).put("rollback", true));
        service.tags.putAll(EcsStandIn.tags(body.path("tags")));
        service.taskDefinition = definition.arn();
        ecs.checkPlacement(cluster, service, definition);
        service.start(new LiveService.LiveDeployment(ecs.nextDeploymentId(), definition.arn(), service.desiredCount, ecs.seconds()));
        ecs.services.put(cluster.name() + "/" + name, service);
        String endpoint = name + "-" + String.format("%08x", name.hashCode() ^ cluster.name().hashCode()) + ".ecs."
                + ecs.aws.account().region() + ".on.aws";
        ((ObjectNode) configuration.withArray("ingressPaths").addObject()).put("accessType", "PUBLIC").put("endpoint", endpoint);
        LiveExpress created = new LiveExpress(service, infrastructureRole, endpoint, configuration, ecs.seconds());
        created.currentDeployment = service.primary().id;
        services.put(service.arn, created);
        return AwsResponse.json(Json.object().set("service", expressJson(created, true)));
    }

    AwsResponse describe(JsonNode body) {
        LiveExpress found = expressByArn(EcsStandIn.required(body, "serviceArn"));
        ecs.scheduler().advance(found.service);
        return AwsResponse.json(Json.object().set("service", expressJson(found, LiveService.strings(body.path("include")).contains("TAGS"))));
    }

    AwsResponse update(JsonNode body) {
        LiveExpress found = expressByArn(EcsStandIn.required(body, "serviceArn"));
        if (!found.service.status.equals("ACTIVE")) {
            throw new AwsFaultException(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (body.has("executionRoleArn")) {
            ecs.checkAssumable(body.get("executionRoleArn").asText());
        }
        ObjectNode before = found.configuration.deepCopy();
        ObjectNode after = expressConfiguration(found.configuration.deepCopy(), body, found.service.cluster, found.service.name,
                found.revisions + 1);
        after.set("ingressPaths", before.get("ingressPaths"));
        boolean newRevision = !before.path("primaryContainer").equals(after.path("primaryContainer"))
                || !before.path("cpu").equals(after.path("cpu")) || !before.path("memory").equals(after.path("memory"))
                || !before.path("cpuArchitecture").equals(after.path("cpuArchitecture"))
                || !before.path("executionRoleArn").equals(after.path("executionRoleArn"));
        int minimum = after.path("scalingTarget").path("minTaskCount").asInt(1);
        if (minimum != found.service.desiredCount) {
            found.service.desiredCount = minimum;
            found.service.primary().desiredCount = minimum;
            found.service.steady = false;
        }
        if (newRevision) {
            TaskDefinition definition = ecs.register(expressTaskDefinition(found.service.name, after));
            found.service.taskDefinition = definition.arn();
            found.currentDeployment = found.service.start(new LiveService.LiveDeployment(ecs.nextDeploymentId(), definition.arn(),
                    minimum, ecs.seconds())).id;
            found.service.steady = false;
            found.revisions++;
        } else {
            after.put("serviceRevisionArn", before.path("serviceRevisionArn").asText());
        }
        found.configuration = after;
        found.updatedAt = ecs.seconds();
        ObjectNode updated = Json.object().put("serviceArn", found.service.arn).put("cluster", ecs.clusterArn(found.service.cluster))
                .put("serviceName", found.service.name).put("createdAt", found.createdAt).put("updatedAt", found.updatedAt);
        updated.putObject("status").put("statusCode", found.service.status);
        updated.set("targetConfiguration", after);
        return AwsResponse.json(Json.object().set("service", updated));
    }

    AwsResponse delete(JsonNode body) {
        LiveExpress found = expressByArn(EcsStandIn.required(body, "serviceArn"));
        if (!found.service.status.equals("ACTIVE")) {
            throw new AwsFaultException(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        found.service.status = "DRAINING";
        found.service.desiredCount = 0;
        found.service.deployments.forEach(d -> d.desiredCount = 0);
        return AwsResponse.json(Json.object().set("service", expressJson(found, false)));
    }

    AwsResponse describeServiceDeployments(JsonNode body) {
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String arn : LiveService.strings(body.path("serviceDeploymentArns"))) {
            String id = "ecs-svc/" + arn.substring(arn.lastIndexOf('/') + 1);
            Optional<LiveService> owner = ecs.services.values().stream().filter(s -> s.history.containsKey(id)).findFirst();
            if (owner.isEmpty()) {
                failures.addObject().put("arn", arn).put("reason", "MISSING");
                continue;
            }
            LiveService.LiveDeployment d = owner.get().history.get(id);
            String status;
            if (d.rolledBackBy != null) {
                String rollback = owner.get().history.get(d.rolledBackBy).rolloutState;
                status = rollback.equals("COMPLETED") ? "ROLLBACK_SUCCESSFUL" : rollback.equals("FAILED") ? "ROLLBACK_FAILED" : "ROLLBACK_IN_PROGRESS";
            } else {
                status = switch (d.rolloutState) {
                    case "COMPLETED" -> "SUCCESSFUL";
                    case "FAILED" -> "STOPPED";
                    default -> "IN_PROGRESS";
                };
            }
            ObjectNode node = found.addObject().put("serviceDeploymentArn", arn).put("serviceArn", owner.get().arn)
                    .put("clusterArn", ecs.clusterArn(owner.get().cluster)).put("status", status)
                    .put("statusReason", d.rolloutStateReason).put("createdAt", d.createdAt);
            node.putObject("targetServiceRevision").put("arn", ecs.aws.account().regionalArn("ecs", "service-revision/"
                    + owner.get().cluster + "/" + owner.get().name + "/" + d.taskDefinition.substring(d.taskDefinition.lastIndexOf(':') + 1)));
            if (d.rolledBackBy != null) {
                node.putObject("rollback").put("reason", d.rolloutStateReason).put("startedAt", owner.get().history.get(d.rolledBackBy).createdAt);
            }
        }
        return AwsResponse.json(Json.object().<ObjectNode>set("serviceDeployments", found).set("failures", failures));
    }

    private LiveExpress expressByArn(String arn) {
        LiveExpress found = services.get(arn);
        if (found == null) {
            throw new AwsFaultException(400, "ServiceNotFoundException", "Service not found.");
        }
        return found;
    }

    /** The configuration of an Express service: the request's fields over the current ones, with ECS's defaults. */
    private ObjectNode expressConfiguration(ObjectNode configuration, JsonNode body, String cluster, String name, int revision) {
        for (String field : List.of("executionRoleArn", "taskRoleArn", "cpu", "memory", "cpuArchitecture", "healthCheckPath",
                "primaryContainer", "scalingTarget", "networkConfiguration")) {
            if (body.has(field)) {
                configuration.set(field, body.get(field));
            }
        }
        if (!configuration.has("cpu")) {
            configuration.put("cpu", "1024");
        }
        if (!configuration.has("memory")) {
            configuration.put("memory", "2048");
        }
        if (!configuration.has("healthCheckPath")) {
            configuration.put("healthCheckPath", "/ping");
        }
        if (!configuration.has("scalingTarget")) {
            configuration.putObject("scalingTarget").put("minTaskCount", 1).put("maxTaskCount", 20);
        }
        ObjectNode container = (ObjectNode) configuration.get("primaryContainer");
        if (!container.has("containerPort")) {
            container.put("containerPort", 80);
        }
        configuration.put("serviceRevisionArn", ecs.aws.account().regionalArn("ecs", "service-revision/" + cluster + "/" + name + "/" + revision))
                .put("createdAt", ecs.seconds());
        return configuration;
    }

    private ObjectNode expressTaskDefinition(String name, ObjectNode configuration) {
        JsonNode container = configuration.get("primaryContainer");
        ObjectNode definition = Json.object().put("family", name).put("networkMode", "awsvpc")
                .put("cpu", configuration.path("cpu").asText()).put("memory", configuration.path("memory").asText())
                .put("executionRoleArn", configuration.path("executionRoleArn").asText());
        definition.putArray("requiresCompatibilities").add("FARGATE");
        if (configuration.has("cpuArchitecture")) {
            definition.putObject("runtimePlatform").put("cpuArchitecture", configuration.get("cpuArchitecture").asText())
                    .put("operatingSystemFamily", "LINUX");
        }
        ObjectNode c = definition.putArray("containerDefinitions").addObject().put("name", "Main")
                .put("image", container.path("image").asText()).put("essential", true);
        c.putArray("portMappings").addObject().put("containerPort", container.path("containerPort").asInt(80)).put("protocol", "tcp");
        if (container.has("environment")) {
            c.set("environment", container.get("environment"));
        }
        return definition;
    }

    private JsonNode expressNetwork(ObjectNode configuration) {
        List<String> subnets = LiveService.strings(configuration.path("networkConfiguration").path("subnets"));
        if (subnets.isEmpty()) {
            subnets = ecs.optional(Ec2StandIn.class).map(ec2 -> ec2.subnets().stream().filter(s -> s.defaultForAz())
                    .map(s -> s.id()).toList()).orElse(List.of("subnet-express"));
            if (subnets.isEmpty()) {
                throw new AwsFaultException(400, "InvalidParameterException",
                        "No default VPC found in the region. Specify subnets in networkConfiguration.");
            }
        }
        ObjectNode vpc = Json.object();
        ObjectNode awsvpc = vpc.putObject("awsvpcConfiguration").put("assignPublicIp", "ENABLED");
        subnets.forEach(awsvpc.putArray("subnets")::add);
        LiveService.strings(configuration.path("networkConfiguration").path("securityGroups")).forEach(awsvpc.putArray("securityGroups")::add);
        return vpc;
    }

    private ObjectNode expressJson(LiveExpress e, boolean withTags) {
        ObjectNode node = Json.object().put("cluster", ecs.clusterArn(e.service.cluster)).put("serviceName", e.service.name)
                .put("serviceArn", e.service.arn).put("infrastructureRoleArn", e.infrastructureRoleArn)
                .put("createdAt", e.createdAt).put("updatedAt", e.updatedAt);
        node.putObject("status").put("statusCode", e.service.status);
        if (e.currentDeployment != null) {
            String id = e.currentDeployment;
            node.put("currentDeployment", ecs.aws.account().regionalArn("ecs", "service-deployment/" + e.service.cluster + "/"
                    + e.service.name + "/" + id.substring(id.indexOf('/') + 1)));
        }
        node.putArray("activeConfigurations").add(e.configuration);
        if (withTags) {
            node.set("tags", EcsStandIn.tagsJson(e.service.tags));
        }
        return node;
    }
}
