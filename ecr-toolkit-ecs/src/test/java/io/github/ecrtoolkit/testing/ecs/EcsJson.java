package io.github.ecrtoolkit.testing.ecs;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECS responses shaped like the API reference's examples (JSON 1.1, timestamps as epoch seconds),
 * for a Fargate service {@code orders} in cluster {@code prod} whose task definition family is
 * {@code orders}.
 */
public final class EcsJson {

    public static final String ACCOUNT = "123456789012";
    public static final String CLUSTER = "prod";
    public static final String SERVICE = "orders";
    public static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/prod";
    public static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service/prod/orders";
    public static final String TD_41 = taskDefinitionArn(41);
    public static final String TD_42 = taskDefinitionArn(42);
    public static final String OLD_IMAGE = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.1";
    public static final String NEW_IMAGE = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2";
    public static final String OLD_DEPLOYMENT = "ecs-svc/1111111111111111111";
    public static final String NEW_DEPLOYMENT = "ecs-svc/2222222222222222222";
    public static final String ROLLBACK_DEPLOYMENT = "ecs-svc/3333333333333333333";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double T0 = 1_795_000_000.123;

    private EcsJson() {
    }

    public static String taskDefinitionArn(int revision) {
        return "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/orders:" + revision;
    }

    // ---- services -------------------------------------------------------------------------

    /** A deployment as DescribeServices lists it. */
    public static ObjectNode deployment(String id, String status, String taskDefinition, int desired, int pending,
            int running, int failed, String rolloutState, String rolloutStateReason) {
        ObjectNode d = MAPPER.createObjectNode()
                .put("id", id).put("status", status).put("taskDefinition", taskDefinition)
                .put("desiredCount", desired).put("pendingCount", pending).put("runningCount", running)
                .put("failedTasks", failed).put("createdAt", T0).put("updatedAt", T0 + 30)
                .put("launchType", "FARGATE").put("platformVersion", "1.4.0").put("platformFamily", "Linux");
        d.set("networkConfiguration", networkConfiguration());
        if (rolloutState != null) {
            d.put("rolloutState", rolloutState);
            d.put("rolloutStateReason", rolloutStateReason);
        }
        return d;
    }

    /** The steady deployment of revision 41 the service runs before a deploy. */
    public static ObjectNode steady41() {
        return deployment(OLD_DEPLOYMENT, "PRIMARY", TD_41, 2, 0, 2, 0, "COMPLETED",
                "ECS deployment " + OLD_DEPLOYMENT + " completed.");
    }

    /** A service event as ECS writes them. */
    public static ObjectNode event(String id, double secondsAfterT0, String message) {
        return MAPPER.createObjectNode().put("id", id).put("createdAt", T0 + secondsAfterT0).put("message", message);
    }

    /** The service object (as in DescribeServices and UpdateService). */
    public static ObjectNode serviceObject(String taskDefinition, String controller, boolean breakerRollback,
            List<ObjectNode> deployments, List<ObjectNode> events) {
        ObjectNode s = MAPPER.createObjectNode()
                .put("serviceArn", SERVICE_ARN).put("serviceName", SERVICE).put("clusterArn", CLUSTER_ARN)
                .put("status", "ACTIVE").put("desiredCount", 2).put("runningCount", 2).put("pendingCount", 0)
                .put("launchType", "FARGATE").put("platformVersion", "LATEST").put("platformFamily", "Linux")
                .put("taskDefinition", taskDefinition)
                .put("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS")
                .put("createdAt", T0 - 86_400).put("healthCheckGracePeriodSeconds", 0)
                .put("schedulingStrategy", "REPLICA").put("createdBy", "arn:aws:iam::" + ACCOUNT + ":role/deployer")
                .put("enableECSManagedTags", true).put("propagateTags", "NONE").put("enableExecuteCommand", false)
                .put("availabilityZoneRebalancing", "ENABLED");
        s.putArray("loadBalancers");
        s.putArray("serviceRegistries");
        s.putArray("placementConstraints");
        s.putArray("placementStrategy");
        ObjectNode config = s.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", true).put("rollback", breakerRollback);
        config.put("maximumPercent", 200).put("minimumHealthyPercent", 100).put("strategy", "ROLLING");
        s.set("networkConfiguration", networkConfiguration());
        s.putObject("deploymentController").put("type", controller);
        s.putArray("deployments").addAll(deployments);
        // ECS lists events newest first
        ArrayNode eventArray = s.putArray("events");
        for (int i = events.size() - 1; i >= 0; i--) {
            eventArray.add(events.get(i));
        }
        return s;
    }

    /** A DescribeServices answer with the service (breaker with rollback, ECS controller). */
    public static ObjectNode describeServices(List<ObjectNode> deployments, List<ObjectNode> events) {
        return describeServices(TD_41, "ECS", true, deployments, events);
    }

    public static ObjectNode describeServices(String taskDefinition, String controller, boolean breakerRollback,
            List<ObjectNode> deployments, List<ObjectNode> events) {
        ObjectNode response = MAPPER.createObjectNode();
        response.putArray("services").add(serviceObject(taskDefinition, controller, breakerRollback, deployments,
                events));
        response.putArray("failures");
        return response;
    }

    /** DescribeServices for a service ECS does not know. */
    public static ObjectNode describeServicesMissing(String service) {
        ObjectNode response = MAPPER.createObjectNode();
        response.putArray("services");
        response.putArray("failures").addObject()
                .put("arn", "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service/prod/" + service).put("reason", "MISSING");
        return response;
    }

    /** UpdateService's answer: the service with the given deployments. */
    public static ObjectNode updateService(String taskDefinition, List<ObjectNode> deployments) {
        ObjectNode response = MAPPER.createObjectNode();
        response.set("service", serviceObject(taskDefinition, "ECS", true, deployments, List.of()));
        return response;
    }

    // ---- task definitions ----------------------------------------------------------------------

    /**
     * Revision 41 as DescribeTaskDefinition returns it: two containers ({@code web} and an
     * {@code envoy} proxy), read-only fields, and fields this project's code never names
     * ({@code ephemeralStorage}, {@code runtimePlatform}, {@code proxyConfiguration},
     * {@code enableFaultInjection}, {@code pidMode}, EFS volumes, a container {@code restartPolicy} ...).
     */
    public static ObjectNode taskDefinition41() {
        ObjectNode td = MAPPER.createObjectNode().put("taskDefinitionArn", TD_41);
        ArrayNode containers = td.putArray("containerDefinitions");
        ObjectNode web = containers.addObject().put("name", "web").put("image", OLD_IMAGE).put("cpu", 0)
                .put("essential", true).put("versionConsistency", "enabled").put("startTimeout", 30);
        web.putArray("portMappings").addObject().put("containerPort", 8080).put("hostPort", 8080)
                .put("protocol", "tcp").put("name", "web-8080").put("appProtocol", "http");
        ArrayNode env = web.putArray("environment");
        env.addObject().put("name", "SPRING_PROFILES_ACTIVE").put("value", "prod");
        env.addObject().put("name", "LOG_LEVEL").put("value", "info");
        web.putArray("mountPoints").addObject().put("sourceVolume", "data").put("containerPath", "/data")
                .put("readOnly", false);
        web.putArray("volumesFrom");
        web.putArray("secrets").addObject().put("name", "DB_PASSWORD")
                .put("valueFrom", "arn:aws:secretsmanager:eu-west-1:" + ACCOUNT + ":secret:orders/db-AbCdEf");
        ObjectNode log = web.putObject("logConfiguration").put("logDriver", "awslogs");
        log.putObject("options").put("awslogs-group", "/ecs/orders").put("awslogs-region", "eu-west-1")
                .put("awslogs-stream-prefix", "web").put("mode", "non-blocking");
        log.putArray("secretOptions");
        ObjectNode health = web.putObject("healthCheck");
        health.putArray("command").add("CMD-SHELL").add("wget -qO- http://localhost:8080/health || exit 1");
        health.put("interval", 10).put("timeout", 5).put("retries", 3).put("startPeriod", 20);
        web.putArray("systemControls");
        ObjectNode restart = web.putObject("restartPolicy").put("enabled", true).put("restartAttemptPeriod", 60);
        restart.putArray("ignoredExitCodes").add(0);
        web.putObject("linuxParameters").put("initProcessEnabled", true);
        web.putArray("dependsOn").addObject().put("containerName", "envoy").put("condition", "HEALTHY");
        ObjectNode envoy = containers.addObject().put("name", "envoy")
                .put("image", "840364872350.dkr.ecr.eu-west-1.amazonaws.com/aws-appmesh-envoy:v1.29.6.0-prod")
                .put("cpu", 0).put("memoryReservation", 128).put("essential", true).put("user", "1337");
        envoy.putArray("portMappings");
        envoy.putArray("environment").addObject().put("name", "APPMESH_RESOURCE_ARN")
                .put("value", "arn:aws:appmesh:eu-west-1:" + ACCOUNT + ":mesh/shop/virtualNode/orders");
        envoy.putArray("mountPoints");
        envoy.putArray("volumesFrom");
        ObjectNode envoyHealth = envoy.putObject("healthCheck");
        envoyHealth.putArray("command").add("CMD-SHELL")
                .add("curl -s http://localhost:9901/server_info | grep state | grep -q LIVE");
        envoyHealth.put("interval", 5).put("timeout", 2).put("retries", 3).put("startPeriod", 10);
        envoy.putArray("systemControls");

        td.put("family", "orders")
                .put("taskRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/orders-task")
                .put("executionRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole")
                .put("networkMode", "awsvpc").put("revision", 41);
        ObjectNode volume = td.putArray("volumes").addObject().put("name", "data");
        ObjectNode efs = volume.putObject("efsVolumeConfiguration").put("fileSystemId", "fs-0123456789abcdef0")
                .put("rootDirectory", "/").put("transitEncryption", "ENABLED");
        efs.putObject("authorizationConfig").put("accessPointId", "fsap-0123456789abcdef0").put("iam", "ENABLED");
        td.put("status", "ACTIVE");
        ArrayNode requires = td.putArray("requiresAttributes");
        requires.addObject().put("name", "com.amazonaws.ecs.capability.logging-driver.awslogs");
        requires.addObject().put("name", "ecs.capability.efsAuth");
        requires.addObject().put("name", "ecs.capability.execution-role-awslogs");
        td.putArray("placementConstraints");
        td.putArray("compatibilities").add("EC2").add("FARGATE");
        td.putObject("runtimePlatform").put("cpuArchitecture", "ARM64").put("operatingSystemFamily", "LINUX");
        td.putArray("requiresCompatibilities").add("FARGATE");
        td.put("cpu", "512").put("memory", "1024");
        td.put("pidMode", "task");
        ObjectNode proxy = td.putObject("proxyConfiguration").put("type", "APPMESH").put("containerName", "envoy");
        ArrayNode properties = proxy.putArray("properties");
        properties.addObject().put("name", "IgnoredUID").put("value", "1337");
        properties.addObject().put("name", "ProxyIngressPort").put("value", "15000");
        properties.addObject().put("name", "ProxyEgressPort").put("value", "15001");
        properties.addObject().put("name", "AppPorts").put("value", "8080");
        properties.addObject().put("name", "EgressIgnoredIPs").put("value", "169.254.170.2,169.254.169.254");
        td.put("registeredAt", T0 - 3600).put("registeredBy", "arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/build-77");
        td.putObject("ephemeralStorage").put("sizeInGiB", 50);
        td.put("enableFaultInjection", true);
        return td;
    }

    /** The tags {@code include=TAGS} returns. */
    public static ArrayNode tags() {
        ArrayNode tags = MAPPER.createArrayNode();
        tags.addObject().put("key", "team").put("value", "payments");
        tags.addObject().put("key", "cost-center").put("value", "cc-4711");
        return tags;
    }

    public static ObjectNode describeTaskDefinition(ObjectNode taskDefinition) {
        ObjectNode response = MAPPER.createObjectNode();
        response.set("taskDefinition", taskDefinition);
        response.set("tags", tags());
        return response;
    }

    /** RegisterTaskDefinition's answer: the new revision as ECS stores it. */
    public static ObjectNode registered(int revision) {
        ObjectNode td = taskDefinition41().put("taskDefinitionArn", taskDefinitionArn(revision))
                .put("revision", revision);
        ObjectNode response = MAPPER.createObjectNode();
        response.set("taskDefinition", td);
        response.set("tags", tags());
        return response;
    }

    // ---- tasks ---------------------------------------------------------------------------------

    public static ObjectNode taskArns(String... arns) {
        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode array = response.putArray("taskArns");
        for (String arn : arns) {
            array.add(arn);
        }
        return response;
    }

    public static String taskArn(String id) {
        return "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task/prod/" + id;
    }

    /** A task as DescribeTasks returns it; exit codes by container, {@code null} for "no exit code". */
    public static ObjectNode task(String id, String taskDefinition, String startedBy, String lastStatus,
            String stopCode, String stoppedReason, Object... containerNameExitCodeReason) {
        ObjectNode task = MAPPER.createObjectNode().put("taskArn", taskArn(id)).put("clusterArn", CLUSTER_ARN)
                .put("taskDefinitionArn", taskDefinition).put("lastStatus", lastStatus)
                .put("desiredStatus", "STOPPED").put("startedBy", startedBy).put("launchType", "FARGATE")
                .put("cpu", "512").put("memory", "1024").put("createdAt", T0 + 10).put("version", 5)
                .put("group", "service:orders").put("availabilityZone", "eu-west-1a").put("platformVersion", "1.4.0")
                .put("platformFamily", "Linux").put("connectivity", "CONNECTED");
        if ("STOPPED".equals(lastStatus)) {
            task.put("stopCode", stopCode).put("stoppedReason", stoppedReason).put("stoppedAt", T0 + 95)
                    .put("stoppingAt", T0 + 90).put("executionStoppedAt", T0 + 92);
        }
        ArrayNode containers = task.putArray("containers");
        for (int i = 0; i < containerNameExitCodeReason.length; i += 3) {
            ObjectNode c = containers.addObject()
                    .put("containerArn", "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":container/prod/" + id + "/" + i)
                    .put("taskArn", taskArn(id)).put("name", (String) containerNameExitCodeReason[i])
                    .put("image", NEW_IMAGE).put("lastStatus", lastStatus).put("healthStatus", "UNKNOWN");
            if (containerNameExitCodeReason[i + 1] != null) {
                c.put("exitCode", (Integer) containerNameExitCodeReason[i + 1]);
            }
            if (containerNameExitCodeReason[i + 2] != null) {
                c.put("reason", (String) containerNameExitCodeReason[i + 2]);
            }
            c.putArray("networkInterfaces");
        }
        task.putArray("attachments");
        task.putArray("tags");
        return task;
    }

    public static ObjectNode describeTasks(ObjectNode... tasks) {
        ObjectNode response = MAPPER.createObjectNode();
        response.putArray("tasks").addAll(List.of(tasks));
        response.putArray("failures");
        return response;
    }

    public static ObjectNode runTask(ObjectNode... tasks) {
        return describeTasks(tasks);
    }

    public static JsonNode runTaskFailure(String reason) {
        ObjectNode response = MAPPER.createObjectNode();
        response.putArray("tasks");
        response.putArray("failures").addObject().put("arn", CLUSTER_ARN).put("reason", reason)
                .put("detail", "No Container Instances were found in your capacity provider");
        return response;
    }

    private static ObjectNode networkConfiguration() {
        ObjectNode network = MAPPER.createObjectNode();
        ObjectNode vpc = network.putObject("awsvpcConfiguration");
        vpc.putArray("subnets").add("subnet-0a1b2c3d4e5f60001").add("subnet-0a1b2c3d4e5f60002");
        vpc.putArray("securityGroups").add("sg-0123456789abcdef0");
        vpc.put("assignPublicIp", "DISABLED");
        return network;
    }
}
