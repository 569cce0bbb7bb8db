package io.github.ecrtoolkit.testing.aws.ecs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn;
import io.github.ecrtoolkit.testing.aws.iam.IamStandIn;

/**
 * ECS with state: clusters, task definition revisions, services whose deployments progress as
 * they are watched, tasks (each with a network interface from the EC2 stand-in, a public address
 * when the service asks for one), tags. Every {@code DescribeServices} moves the described
 * services one step, as time passing would: tasks are started (PENDING), then run or fail, a
 * deployment whose tasks all run COMPLETES and the tasks of the one it replaced stop. With the
 * deployment circuit breaker on, enough failed tasks make the rollout FAILED, and with rollback on
 * ECS starts a deployment of the last revision that completed. As ECS does, {@code CreateService}
 * refuses a task definition whose execution role IAM has not yet propagated.
 *
 * <pre>{@code
 * aws.ecs().failTasksOf("registry/orders:broken", "CannotPullContainerError: manifest unknown");
 * // … deploy that image …
 * assertThat(aws.ecs().service("prod", "orders")).hasValueSatisfying(
 *         s -> assertThat(s.taskDefinition()).endsWith("orders:1"));   // rolled back
 * }</pre>
 */
public final class EcsStandIn implements ServiceStandIn {

    private static final Map<Integer, Set<Integer>> FARGATE_SIZES = fargateSizes();

    final AwsStandIn aws;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<TaskDefinition>> families = new LinkedHashMap<>();
    final Map<String, LiveService> services = new LinkedHashMap<>();
    private final ServiceScheduler scheduler = new ServiceScheduler(this);
    private final ExpressGateway expressGateway = new ExpressGateway(this);
    private long sequence;

    public EcsStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "ecs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    // ---- state, for tests

    public synchronized Optional<Cluster> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    public synchronized List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** Every revision of every family, oldest first. */
    public synchronized List<TaskDefinition> taskDefinitions() {
        return families.values().stream().flatMap(List::stream).toList();
    }

    public synchronized List<TaskDefinition> taskDefinitions(String family) {
        return List.copyOf(families.getOrDefault(family, List.of()));
    }

    public synchronized Optional<Service> service(String cluster, String name) {
        return Optional.ofNullable(services.get(cluster + "/" + name)).map(this::view);
    }

    public synchronized List<Service> services() {
        return services.values().stream().map(this::view).toList();
    }

    public synchronized List<Task> tasks() {
        return scheduler.tasks.values().stream().map(EcsStandIn::view).toList();
    }

    /** Tasks of the service that run now. */
    public synchronized List<Task> runningTasks(String cluster, String service) {
        return scheduler.tasks.values().stream().filter(t -> t.cluster.equals(cluster) && t.group.equals("service:" + service)
                && t.lastStatus.equals("RUNNING")).map(EcsStandIn::view).toList();
    }

    /** An Express Mode service, by cluster and name. */
    public synchronized Optional<ExpressService> expressService(String cluster, String name) {
        return expressGateway.services().stream().filter(e -> e.service.cluster.equals(cluster) && e.service.name.equals(name))
                .findFirst().map(e -> new ExpressService(e.service.name, e.service.arn, e.service.cluster, e.service.status,
                        e.endpoint, e.infrastructureRoleArn, e.configuration.path("executionRoleArn").asText(),
                        e.configuration.path("primaryContainer").path("image").asText(), e.configuration.path("cpu").asText(),
                        e.configuration.path("memory").asText(), e.configuration.path("scalingTarget").path("minTaskCount").asInt()));
    }

    /** Puts a cluster in place as if created before the test. */
    public synchronized Cluster givenCluster(String name, String... capacityProviders) {
        Cluster cluster = new Cluster(name, clusterArn(name), "ACTIVE", List.of(capacityProviders), Map.of());
        clusters.put(name, cluster);
        return cluster;
    }

    /**
     * From now on, every task whose containers use {@code image} stops before it runs, with
     * {@code stoppedReason} (stop code {@code TaskFailedToStart}), as when the image cannot be pulled.
     */
    public synchronized EcsStandIn failTasksOf(String image, String stoppedReason) {
        scheduler.taskFailures.put(image, stoppedReason);
        return this;
    }

    /** Tasks of {@code image} start normally again. */
    public synchronized EcsStandIn healTasksOf(String image) {
        scheduler.taskFailures.remove(image);
        return this;
    }

    /** Moves every service one step, as {@code DescribeServices} does for the services it describes. */
    public synchronized void advance() {
        List.copyOf(services.values()).forEach(scheduler::advance);
    }

    // ---- the API

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        JsonNode body = request.json();
        return switch (operation) {
            case "CreateCluster" -> createCluster(body);
            case "DescribeClusters" -> describeClusters(body);
            case "DeleteCluster" -> deleteCluster(body);
            case "RegisterTaskDefinition" -> registerTaskDefinition(body);
            case "DescribeTaskDefinition" -> describeTaskDefinition(body);
            case "DeregisterTaskDefinition" -> deregisterTaskDefinition(body);
            case "ListTaskDefinitions" -> listTaskDefinitions(body);
            case "CreateService" -> createService(body);
            case "UpdateService" -> updateService(body);
            case "DescribeServices" -> describeServices(body);
            case "DeleteService" -> deleteService(body);
            case "ListServices" -> listServices(body);
            case "ListTasks" -> listTasks(body);
            case "DescribeTasks" -> describeTasks(body);
            case "CreateExpressGatewayService" -> expressGateway.create(body);
            case "DescribeExpressGatewayService" -> expressGateway.describe(body);
            case "UpdateExpressGatewayService" -> expressGateway.update(body);
            case "DeleteExpressGatewayService" -> expressGateway.delete(body);
            case "DescribeServiceDeployments" -> expressGateway.describeServiceDeployments(body);
            case "ListTagsForResource" -> listTags(body);
            case "TagResource" -> tagResource(body);
            case "UntagResource" -> untagResource(body);
            default -> throw AwsFaultException.notFaked(signingName(), operation);
        };
    }

    // ---- clusters

    private AwsResponse createCluster(JsonNode body) {
        String name = body.path("clusterName").asText("default");
        Cluster existing = clusters.get(name);
        if (existing == null || !existing.active()) {
            existing = new Cluster(name, clusterArn(name), "ACTIVE", LiveService.strings(body.path("capacityProviders")),
                    tags(body.path("tags")));
            clusters.put(name, existing);
        }
        return AwsResponse.json(Json.object().set("cluster", clusterJson(existing, false)));
    }

    private AwsResponse describeClusters(JsonNode body) {
        List<String> names = body.has("clusters") ? LiveService.strings(body.path("clusters")) : List.of("default");
        boolean withTags = LiveService.strings(body.path("include")).contains("TAGS");
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String nameOrArn : names) {
            Cluster cluster = clusters.get(shortName(nameOrArn));
            if (cluster == null) {
                failures.addObject().put("arn", clusterArn(shortName(nameOrArn))).put("reason", "MISSING");
            } else {
                found.add(clusterJson(cluster, withTags));
            }
        }
        return AwsResponse.json(Json.object().<ObjectNode>set("clusters", found).set("failures", failures));
    }

    private AwsResponse deleteCluster(JsonNode body) {
        Cluster cluster = activeCluster(body.path("cluster").asText("default"));
        if (services.values().stream().anyMatch(s -> s.cluster.equals(cluster.name()) && !s.status.equals("INACTIVE"))) {
            throw new AwsFaultException(400, "ClusterContainsServicesException",
                    "The Cluster cannot be deleted while Services are active.");
        }
        if (scheduler.tasks.values().stream().anyMatch(t -> t.cluster.equals(cluster.name()) && t.live())) {
            throw new AwsFaultException(400, "ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        }
        Cluster deleted = new Cluster(cluster.name(), cluster.arn(), "INACTIVE", cluster.capacityProviders(), cluster.tags());
        clusters.put(cluster.name(), deleted);
        return AwsResponse.json(Json.object().set("cluster", clusterJson(deleted, false)));
    }

    Cluster activeCluster(String nameOrArn) {
        Cluster cluster = clusters.get(shortName(nameOrArn));
        if (cluster == null || !cluster.active()) {
            throw new AwsFaultException(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return cluster;
    }

    private ObjectNode clusterJson(Cluster cluster, boolean withTags) {
        long services = this.services.values().stream().filter(s -> s.cluster.equals(cluster.name()) && s.status.equals("ACTIVE")).count();
        ObjectNode node = Json.object().put("clusterArn", cluster.arn()).put("clusterName", cluster.name())
                .put("status", cluster.status()).put("activeServicesCount", services)
                .put("runningTasksCount", scheduler.tasks.values().stream().filter(t -> t.cluster.equals(cluster.name()) && t.lastStatus.equals("RUNNING")).count());
        ArrayNode providers = node.putArray("capacityProviders");
        cluster.capacityProviders().forEach(providers::add);
        if (withTags) {
            node.set("tags", tagsJson(cluster.tags()));
        }
        return node;
    }

    // ---- task definitions

    private AwsResponse registerTaskDefinition(JsonNode body) {
        TaskDefinition registered = register(body);
        return AwsResponse.json(Json.object().<ObjectNode>set("taskDefinition", registered.json()).set("tags", tagsJson(registered.tags())));
    }

    TaskDefinition register(JsonNode body) {
        String family = required(body, "family");
        if (!body.path("containerDefinitions").isArray() || body.path("containerDefinitions").isEmpty()) {
            throw new AwsFaultException(400, "ClientException", "Container definition must not be empty.");
        }
        List<String> compatibilities = LiveService.strings(body.path("requiresCompatibilities"));
        if (compatibilities.contains("FARGATE")) {
            if (!"awsvpc".equals(body.path("networkMode").asText())) {
                throw new AwsFaultException(400, "ClientException", "Fargate only supports network mode 'awsvpc'.");
            }
            int cpu = body.path("cpu").asInt(0);
            int memory = body.path("memory").asInt(0);
            if (!FARGATE_SIZES.getOrDefault(cpu, Set.of()).contains(memory)) {
                throw new AwsFaultException(400, "ClientException", "No Fargate configuration exists for given values: "
                        + body.path("cpu").asText() + " CPU, " + body.path("memory").asText()
                        + " memory. See the Amazon ECS documentation for the valid values.");
            }
            boolean awslogs = body.path("containerDefinitions").findValuesAsText("logDriver").contains("awslogs");
            if (awslogs && body.path("executionRoleArn").asText("").isEmpty()) {
                throw new AwsFaultException(400, "ClientException",
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
            }
        }
        List<TaskDefinition> revisions = families.computeIfAbsent(family, f -> new ArrayList<>());
        int revision = revisions.size() + 1;
        String arn = aws.account().regionalArn("ecs", "task-definition/" + family + ":" + revision);
        ObjectNode json = ((ObjectNode) body.deepCopy());
        json.remove("tags");
        json.put("taskDefinitionArn", arn).put("revision", revision).put("status", "ACTIVE")
                .put("registeredAt", seconds()).put("registeredBy", aws.account().callerArn());
        ArrayNode compatible = json.putArray("compatibilities");
        compatible.add("EC2");
        if (compatibilities.contains("FARGATE") || "awsvpc".equals(body.path("networkMode").asText())) {
            compatible.add("FARGATE");
        }
        TaskDefinition registered = new TaskDefinition(arn, family, revision, "ACTIVE", json, tags(body.path("tags")));
        revisions.add(registered);
        return registered;
    }

    private AwsResponse describeTaskDefinition(JsonNode body) {
        TaskDefinition definition = taskDefinition(required(body, "taskDefinition"));
        ObjectNode answer = Json.object().set("taskDefinition", definition.json());
        if (LiveService.strings(body.path("include")).contains("TAGS")) {
            answer.set("tags", tagsJson(definition.tags()));
        }
        return AwsResponse.json(answer);
    }

    private AwsResponse deregisterTaskDefinition(JsonNode body) {
        TaskDefinition definition = taskDefinition(required(body, "taskDefinition"));
        ObjectNode json = (ObjectNode) definition.json();
        json.put("status", "INACTIVE").put("deregisteredAt", seconds());
        TaskDefinition inactive = new TaskDefinition(definition.arn(), definition.family(), definition.revision(), "INACTIVE",
                json, definition.tags());
        families.get(definition.family()).set(definition.revision() - 1, inactive);
        return AwsResponse.json(Json.object().set("taskDefinition", inactive.json()));
    }

    private AwsResponse listTaskDefinitions(JsonNode body) {
        String prefix = body.path("familyPrefix").asText("");
        String status = body.path("status").asText("ACTIVE");
        List<TaskDefinition> found = new ArrayList<>(taskDefinitions().stream()
                .filter(d -> d.family().startsWith(prefix) && d.status().equals(status)).toList());
        if ("DESC".equals(body.path("sort").asText())) {
            java.util.Collections.reverse(found);
        }
        ArrayNode arns = Json.array();
        found.forEach(d -> arns.add(d.arn()));
        return AwsResponse.json(Json.object().set("taskDefinitionArns", arns));
    }

    /** By ARN, {@code family:revision}, or {@code family} (its latest ACTIVE revision). */
    TaskDefinition taskDefinition(String reference) {
        String tail = reference.substring(reference.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        String family = colon < 0 ? tail : tail.substring(0, colon);
        List<TaskDefinition> revisions = families.getOrDefault(family, List.of());
        Optional<TaskDefinition> found = colon < 0
                ? revisions.stream().filter(TaskDefinition::active).reduce((a, b) -> b)
                : revisions.stream().filter(d -> String.valueOf(d.revision()).equals(tail.substring(colon + 1))).findFirst();
        return found.orElseThrow(() -> new AwsFaultException(400, "ClientException", "Unable to describe task definition."));
    }

    // ---- services

    private AwsResponse createService(JsonNode body) {
        Cluster cluster = activeCluster(body.path("cluster").asText("default"));
        String name = required(body, "serviceName");
        LiveService existing = services.get(cluster.name() + "/" + name);
        if (existing != null && !existing.status.equals("INACTIVE")) {
            throw new AwsFaultException(400, "InvalidParameterException", "Creation of service was not idempotent.");
        }
        TaskDefinition definition = usableTaskDefinition(required(body, "taskDefinition"));
        LiveService service = new LiveService(name, aws.account().regionalArn("ecs", "service/" + cluster.name() + "/" + name),
                cluster.name(), seconds());
        service.desiredCount = body.path("desiredCount").asInt(0);
        service.launchType = body.path("launchType").asText(null);
        service.capacityProviderStrategy = body.has("capacityProviderStrategy") ? body.get("capacityProviderStrategy") : null;
        service.networkConfiguration = body.has("networkConfiguration") ? body.get("networkConfiguration") : null;
        service.deploymentConfiguration = body.has("deploymentConfiguration") ? body.get("deploymentConfiguration") : null;
        service.loadBalancers = body.has("loadBalancers") ? body.get("loadBalancers") : null;
        service.healthCheckGracePeriodSeconds = body.has("healthCheckGracePeriodSeconds")
                ? body.get("healthCheckGracePeriodSeconds").asInt() : null;
        checkPlacement(cluster, service, definition);
        checkLoadBalancers(service, definition);
        checkGracePeriod(body, service);
        service.tags.putAll(tags(body.path("tags")));
        service.taskDefinition = definition.arn();
        service.start(new LiveService.LiveDeployment(nextDeploymentId(), definition.arn(), service.desiredCount, seconds()));
        services.put(cluster.name() + "/" + name, service);
        return AwsResponse.json(Json.object().set("service", serviceJson(service, false)));
    }

    private AwsResponse updateService(JsonNode body) {
        LiveService service = activeService(body.path("cluster").asText("default"), required(body, "service"));
        Cluster cluster = activeCluster(service.cluster);
        TaskDefinition definition = body.has("taskDefinition") ? usableTaskDefinition(body.get("taskDefinition").asText())
                : taskDefinition(service.taskDefinition);
        boolean newDeployment = body.path("forceNewDeployment").asBoolean(false) || !definition.arn().equals(service.taskDefinition);
        if (body.has("networkConfiguration") && !body.get("networkConfiguration").equals(service.networkConfiguration)) {
            service.networkConfiguration = body.get("networkConfiguration");
            newDeployment = true;
        }
        if (body.has("capacityProviderStrategy") && !body.get("capacityProviderStrategy").equals(service.capacityProviderStrategy)) {
            service.capacityProviderStrategy = body.get("capacityProviderStrategy");
            service.launchType = null;
            newDeployment = true;
        }
        if (body.has("deploymentConfiguration")) {
            service.deploymentConfiguration = body.get("deploymentConfiguration");
        }
        if (body.has("loadBalancers") && !body.get("loadBalancers").equals(service.loadBalancers)) {
            // as ECS does: a new target group is taken up by a new deployment, registering new tasks there
            service.loadBalancers = body.get("loadBalancers");
            newDeployment = true;
        }
        if (body.has("healthCheckGracePeriodSeconds")) {
            service.healthCheckGracePeriodSeconds = body.get("healthCheckGracePeriodSeconds").asInt();
        }
        checkPlacement(cluster, service, definition);
        checkLoadBalancers(service, definition);
        checkGracePeriod(body, service);
        if (body.has("desiredCount")) {
            service.desiredCount = body.get("desiredCount").asInt();
            service.primary().desiredCount = service.desiredCount;
            service.steady = false;
        }
        if (newDeployment) {
            service.start(new LiveService.LiveDeployment(nextDeploymentId(), definition.arn(), service.desiredCount, seconds()));
            service.taskDefinition = definition.arn();
            service.steady = false;
        }
        return AwsResponse.json(Json.object().set("service", serviceJson(service, false)));
    }

    private AwsResponse describeServices(JsonNode body) {
        String cluster = shortName(body.path("cluster").asText("default"));
        activeCluster(cluster);
        boolean withTags = LiveService.strings(body.path("include")).contains("TAGS");
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String nameOrArn : LiveService.strings(body.path("services"))) {
            LiveService service = services.get(cluster + "/" + shortName(nameOrArn));
            if (service == null) {
                failures.addObject().put("arn", aws.account().regionalArn("ecs", "service/" + cluster + "/" + shortName(nameOrArn)))
                        .put("reason", "MISSING");
            } else {
                scheduler.advance(service);
                found.add(serviceJson(service, withTags));
            }
        }
        return AwsResponse.json(Json.object().<ObjectNode>set("services", found).set("failures", failures));
    }

    private AwsResponse deleteService(JsonNode body) {
        LiveService service = activeService(body.path("cluster").asText("default"), required(body, "service"));
        if (service.desiredCount > 0 && !body.path("force").asBoolean(false)) {
            throw new AwsFaultException(400, "InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        }
        service.status = "DRAINING";
        service.desiredCount = 0;
        service.deployments.forEach(d -> d.desiredCount = 0);
        return AwsResponse.json(Json.object().set("service", serviceJson(service, false)));
    }

    private AwsResponse listServices(JsonNode body) {
        String cluster = shortName(body.path("cluster").asText("default"));
        activeCluster(cluster);
        ArrayNode arns = Json.array();
        services.values().stream().filter(s -> s.cluster.equals(cluster) && s.status.equals("ACTIVE")).forEach(s -> arns.add(s.arn));
        return AwsResponse.json(Json.object().set("serviceArns", arns));
    }

    private LiveService activeService(String cluster, String nameOrArn) {
        activeCluster(cluster);
        LiveService service = services.get(shortName(cluster) + "/" + shortName(nameOrArn));
        if (service == null) {
            throw new AwsFaultException(400, "ServiceNotFoundException", "Service not found.");
        }
        if (!service.status.equals("ACTIVE")) {
            throw new AwsFaultException(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        return service;
    }

    private TaskDefinition usableTaskDefinition(String reference) {
        TaskDefinition definition = taskDefinition(reference);
        if (!definition.active()) {
            throw new AwsFaultException(400, "InvalidParameterException", "TaskDefinition is inactive");
        }
        checkAssumable(definition.executionRoleArn());
        return definition;
    }

    void checkAssumable(String role) {
        Optional<IamStandIn> iam = optional(IamStandIn.class);
        if (!role.isEmpty() && iam.isPresent() && !iam.get().assumable(role)) {
            throw new AwsFaultException(400, "InvalidParameterException", "ECS was unable to assume the role '" + role
                    + "' that was provided for this task. Please verify that the role being passed has the proper trust "
                    + "relationship and permissions and that your IAM user has permissions to pass this role.");
        }
    }

    /** The checks ECS makes on where tasks of the service may run. */
    /** As ECS checks a service's {@code loadBalancers}: the container and port exist, the target group is behind a load balancer. */
    private void checkLoadBalancers(LiveService service, TaskDefinition definition) {
        for (Service.LoadBalancer entry : loadBalancers(service)) {
            if (!definition.containerPorts().contains(entry.containerPort())
                    || !definition.json().path("containerDefinitions").findValuesAsText("name").contains(entry.containerName())) {
                throw new AwsFaultException(400, "InvalidParameterException", "The container " + entry.containerName()
                        + " did not have a container port " + entry.containerPort() + " defined.");
            }
            var elb = aws.elb();
            if (elb.targetGroup(entry.targetGroupArn()).isEmpty()) {
                throw new AwsFaultException(400, "InvalidParameterException", "Unable to assume role and validate the specified "
                        + "targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.");
            }
            if (elb.loadBalancersOf(entry.targetGroupArn()).isEmpty()) {
                throw new AwsFaultException(400, "InvalidParameterException", "The target group with targetGroupArn "
                        + entry.targetGroupArn() + " does not have an associated load balancer.");
            }
        }
    }

    /** As ECS refuses it: a grace period for the health checks of a load balancer the service does not have. */
    private static void checkGracePeriod(JsonNode body, LiveService service) {
        if (body.has("healthCheckGracePeriodSeconds") && loadBalancers(service).isEmpty()) {
            throw new AwsFaultException(400, "InvalidParameterException",
                    "Health check grace period is only valid for services configured to use load balancers");
        }
    }

    private static List<Service.LoadBalancer> loadBalancers(LiveService service) {
        List<Service.LoadBalancer> entries = new ArrayList<>();
        if (service.loadBalancers != null) {
            service.loadBalancers.forEach(lb -> entries.add(new Service.LoadBalancer(lb.path("targetGroupArn").asText(),
                    lb.path("containerName").asText(), lb.path("containerPort").asInt())));
        }
        return entries;
    }

    void checkPlacement(Cluster cluster, LiveService service, TaskDefinition definition) {
        if (service.launchType != null && service.capacityProviderStrategy != null) {
            throw new AwsFaultException(400, "InvalidParameterException",
                    "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }
        for (String provider : service.capacityProviders()) {
            if (!cluster.capacityProviders().contains(provider)) {
                throw new AwsFaultException(400, "InvalidParameterException", "The specified capacity provider strategy "
                        + "cannot contain a capacity provider that is not associated with the cluster. Associate the capacity "
                        + "provider with the cluster or specify a valid capacity provider and try again.");
            }
        }
        if ("awsvpc".equals(definition.json().path("networkMode").asText())) {
            if (service.subnets().isEmpty()) {
                throw new AwsFaultException(400, "InvalidParameterException",
                        "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
            }
            Optional<Ec2StandIn> ec2 = optional(Ec2StandIn.class);
            if (ec2.isPresent()) {
                for (String subnet : service.subnets()) {
                    if (ec2.get().subnets().stream().noneMatch(s -> s.id().equals(subnet))) {
                        throw new AwsFaultException(400, "InvalidParameterException", "Error retrieving subnet information for ["
                                + subnet + "]: The subnet ID '" + subnet + "' does not exist (Service: Ec2, Status Code: 400)");
                    }
                }
                for (String group : service.securityGroups()) {
                    if (ec2.get().securityGroup(group).isEmpty()) {
                        throw new AwsFaultException(400, "InvalidParameterException", "Error retrieving security group information for ["
                                + group + "]: The security group '" + group + "' does not exist (Service: Ec2, Status Code: 400)");
                    }
                }
            }
        }
    }

    // ---- tasks

    private AwsResponse listTasks(JsonNode body) {
        String cluster = shortName(body.path("cluster").asText("default"));
        activeCluster(cluster);
        String desired = body.path("desiredStatus").asText("RUNNING");
        ArrayNode arns = Json.array();
        scheduler.tasks.values().stream().filter(t -> t.cluster.equals(cluster) && t.desiredStatus.equals(desired))
                .filter(t -> !body.has("serviceName") || t.group.equals("service:" + shortName(body.get("serviceName").asText())))
                .filter(t -> !body.has("startedBy") || t.startedBy.equals(body.get("startedBy").asText()))
                .forEach(t -> arns.add(t.arn));
        return AwsResponse.json(Json.object().set("taskArns", arns));
    }

    private AwsResponse describeTasks(JsonNode body) {
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String arn : LiveService.strings(body.path("tasks"))) {
            LiveTask task = scheduler.tasks.get(arn);
            if (task == null) {
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                found.add(taskJson(task));
            }
        }
        return AwsResponse.json(Json.object().<ObjectNode>set("tasks", found).set("failures", failures));
    }

    private ObjectNode taskJson(LiveTask task) {
        TaskDefinition definition = taskDefinition(task.taskDefinition);
        ObjectNode node = Json.object().put("taskArn", task.arn).put("clusterArn", clusterArn(task.cluster))
                .put("taskDefinitionArn", task.taskDefinition).put("group", task.group).put("startedBy", task.startedBy)
                .put("lastStatus", task.lastStatus).put("desiredStatus", task.desiredStatus).put("createdAt", task.createdAt)
                .put("cpu", definition.cpu()).put("memory", definition.memory());
        if (task.startedAt != null) {
            node.put("startedAt", task.startedAt);
        }
        if (task.stoppedAt != null) {
            node.put("stoppedAt", task.stoppedAt).put("stopCode", task.stopCode).put("stoppedReason", task.stoppedReason);
        }
        ArrayNode containers = node.putArray("containers");
        for (JsonNode container : definition.json().path("containerDefinitions")) {
            ObjectNode c = containers.addObject().put("name", container.path("name").asText())
                    .put("image", container.path("image").asText()).put("lastStatus", task.lastStatus);
            if (task.exitCode != null) {
                c.put("exitCode", task.exitCode);
            }
            if (task.containerReason != null) {
                c.put("reason", task.containerReason);
            }
        }
        if (task.eniId != null) {
            ObjectNode attachment = node.putArray("attachments").addObject().put("id", UUID.nameUUIDFromBytes(task.eniId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                    .put("type", "ElasticNetworkInterface").put("status", task.live() ? "ATTACHED" : "DELETED");
            ArrayNode details = attachment.putArray("details");
            details.addObject().put("name", "subnetId").put("value", task.subnetId);
            details.addObject().put("name", "networkInterfaceId").put("value", task.eniId);
            details.addObject().put("name", "privateIPv4Address").put("value", task.privateIp);
        }
        return node;
    }

    // ---- tags

    private AwsResponse listTags(JsonNode body) {
        return AwsResponse.json(Json.object().set("tags", tagsJson(tagsOf(required(body, "resourceArn")))));
    }

    private AwsResponse untagResource(JsonNode body) {
        String arn = required(body, "resourceArn");
        Map<String, String> tags = new LinkedHashMap<>(tagsOf(arn));
        LiveService.strings(body.path("tagKeys")).forEach(tags::remove);
        return setTags(arn, tags);
    }

    private AwsResponse tagResource(JsonNode body) {
        String arn = required(body, "resourceArn");
        Map<String, String> tags = new LinkedHashMap<>(tagsOf(arn));
        tags.putAll(tags(body.path("tags")));
        return setTags(arn, tags);
    }

    private AwsResponse setTags(String arn, Map<String, String> tags) {
        if (arn.contains(":cluster/")) {
            Cluster c = clusters.get(shortName(arn));
            clusters.put(c.name(), new Cluster(c.name(), c.arn(), c.status(), c.capacityProviders(), tags));
        } else if (arn.contains(":service/")) {
            services.values().stream().filter(s -> s.arn.equals(arn)).findFirst().ifPresent(s -> {
                s.tags.clear();
                s.tags.putAll(tags);
            });
        } else {
            TaskDefinition d = taskDefinition(arn);
            families.get(d.family()).set(d.revision() - 1, new TaskDefinition(d.arn(), d.family(), d.revision(), d.status(), d.json(), tags));
        }
        return AwsResponse.json(Json.object());
    }

    private Map<String, String> tagsOf(String arn) {
        if (arn.contains(":cluster/")) {
            return Optional.ofNullable(clusters.get(shortName(arn))).map(Cluster::tags).orElseThrow(EcsStandIn::noSuchResource);
        }
        if (arn.contains(":service/")) {
            return services.values().stream().filter(s -> s.arn.equals(arn)).findFirst().map(s -> Map.copyOf(s.tags))
                    .orElseThrow(EcsStandIn::noSuchResource);
        }
        if (arn.contains(":task-definition/")) {
            return taskDefinition(arn).tags();
        }
        throw noSuchResource();
    }

    private static AwsFaultException noSuchResource() {
        return new AwsFaultException(400, "InvalidParameterException", "The specified resource could not be found.");
    }

    // ---- views and JSON

    private ObjectNode serviceJson(LiveService service, boolean withTags) {
        ObjectNode node = Json.object().put("serviceArn", service.arn).put("serviceName", service.name)
                .put("clusterArn", clusterArn(service.cluster)).put("status", service.status)
                .put("desiredCount", service.desiredCount)
                .put("runningCount", scheduler.tasksOf(service).stream().filter(t -> t.lastStatus.equals("RUNNING")).count())
                .put("pendingCount", scheduler.tasksOf(service).stream().filter(t -> t.lastStatus.equals("PENDING")).count())
                .put("taskDefinition", service.taskDefinition).put("createdAt", service.createdAt)
                .put("schedulingStrategy", "REPLICA");
        if (service.launchType != null) {
            node.put("launchType", service.launchType);
        }
        if (service.capacityProviderStrategy != null) {
            node.set("capacityProviderStrategy", service.capacityProviderStrategy);
        }
        if (service.networkConfiguration != null) {
            node.set("networkConfiguration", service.networkConfiguration);
        }
        if (service.deploymentConfiguration != null) {
            node.set("deploymentConfiguration", service.deploymentConfiguration);
        }
        if (service.loadBalancers != null) {
            node.set("loadBalancers", service.loadBalancers);
        }
        if (service.healthCheckGracePeriodSeconds != null) {
            node.put("healthCheckGracePeriodSeconds", service.healthCheckGracePeriodSeconds);
        }
        node.putObject("deploymentController").put("type", "ECS");
        ArrayNode deployments = node.putArray("deployments");
        for (LiveService.LiveDeployment d : service.deployments) {
            deployments.addObject().put("id", d.id).put("status", d.status).put("taskDefinition", d.taskDefinition)
                    .put("desiredCount", d.desiredCount).put("pendingCount", scheduler.count(service, d, "PENDING"))
                    .put("runningCount", scheduler.count(service, d, "RUNNING")).put("failedTasks", d.failedTasks)
                    .put("createdAt", d.createdAt).put("updatedAt", seconds()).put("rolloutState", d.rolloutState)
                    .put("rolloutStateReason", d.rolloutStateReason);
        }
        ArrayNode events = node.putArray("events");
        service.events.forEach(events::add);
        if (withTags) {
            node.set("tags", tagsJson(service.tags));
        }
        return node;
    }

    private Service view(LiveService s) {
        List<Deployment> deployments = s.deployments.stream().map(d -> new Deployment(d.id, d.status, d.taskDefinition,
                d.desiredCount, (int) scheduler.count(s, d, "PENDING"), (int) scheduler.count(s, d, "RUNNING"), d.failedTasks, d.rolloutState,
                d.rolloutStateReason)).toList();
        String assign = s.networkConfiguration == null ? "" : s.networkConfiguration.path("awsvpcConfiguration").path("assignPublicIp").asText("DISABLED");
        return new Service(s.name, s.arn, s.cluster, s.status, s.taskDefinition, s.desiredCount,
                (int) scheduler.tasksOf(s).stream().filter(t -> t.lastStatus.equals("RUNNING")).count(),
                s.launchType == null ? "" : s.launchType, s.capacityProviders(), s.subnets(), s.securityGroups(), assign,
                deployments, s.tags, loadBalancers(s), Optional.ofNullable(s.healthCheckGracePeriodSeconds));
    }

    private static Task view(LiveTask t) {
        return new Task(t.arn, t.cluster, t.group, t.taskDefinition, t.startedBy, t.lastStatus, Optional.ofNullable(t.stoppedReason),
                Optional.ofNullable(t.eniId));
    }

    static Map<String, String> tags(JsonNode array) {
        Map<String, String> tags = new LinkedHashMap<>();
        array.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        return tags;
    }

    static ArrayNode tagsJson(Map<String, String> tags) {
        ArrayNode array = Json.array();
        tags.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        return array;
    }

    <S extends ServiceStandIn> Optional<S> optional(Class<S> type) {
        try {
            return Optional.of(aws.service(type));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    String clusterArn(String name) {
        return aws.account().regionalArn("ecs", "cluster/" + name);
    }

    String nextDeploymentId() {
        return String.format("ecs-svc/%019d", nextSequence());
    }

    ServiceScheduler scheduler() {
        return scheduler;
    }

    /** One counter for deployment, task and interface ids, so that they never collide. */
    long nextSequence() {
        return ++sequence;
    }

    double seconds() {
        return aws.now().toEpochMilli() / 1000.0;
    }

    static String shortName(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }

    static String required(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw new AwsFaultException(400, "InvalidParameterException", field + " can not be blank.");
        }
        return value;
    }

    /** The cpu/memory pairs Fargate accepts, in MiB. */
    private static Map<Integer, Set<Integer>> fargateSizes() {
        Map<Integer, Set<Integer>> sizes = new HashMap<>();
        sizes.put(256, Set.of(512, 1024, 2048));
        sizes.put(512, range(1024, 4096, 1024));
        sizes.put(1024, range(2048, 8192, 1024));
        sizes.put(2048, range(4096, 16384, 1024));
        sizes.put(4096, range(8192, 30720, 1024));
        sizes.put(8192, range(16384, 61440, 4096));
        sizes.put(16384, range(32768, 122880, 8192));
        return sizes;
    }

    private static Set<Integer> range(int from, int to, int step) {
        Set<Integer> values = new java.util.TreeSet<>(Comparator.naturalOrder());
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return Set.copyOf(values);
    }
}
