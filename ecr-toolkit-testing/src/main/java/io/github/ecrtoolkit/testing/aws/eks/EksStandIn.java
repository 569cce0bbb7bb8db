package io.github.ecrtoolkit.testing.aws.eks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import io.github.ecrtoolkit.testing.aws.iam.Role;

/**
 * EKS clusters, managed node groups and access entries, as state machines that move one step per
 * {@code Describe…} call: a new cluster is {@code CREATING} for {@link #pollsToSettle(int)}
 * describes, then {@code ACTIVE} with an endpoint and CA (or {@code FAILED} with health issues, when
 * scripted); a deleted one is {@code DELETING}, then gone. {@code CreateCluster} checks what EKS
 * checks: the role exists in the IAM stand-in, trusts {@code eks.amazonaws.com} and has propagated;
 * the subnets exist in the EC2 stand-in and span two zones; Auto Mode's three switches are set
 * together, with a node role and the Auto Mode policies on the cluster role. With
 * {@code bootstrapClusterCreatorAdminPermissions} the caller gets an access entry with the cluster
 * admin policy.
 *
 * <pre>{@code
 * aws.eks().pollsToSettle(3);
 * aws.eks().failNextCluster(new HealthIssue("Ec2SubnetInvalidConfiguration", "subnet-1 has no free IP addresses"));
 * aws.eks().degradeNextNodegroup("DEGRADED", new HealthIssue("AsgInstanceLaunchFailures", "Could not launch On-Demand Instances"));
 * assertThat(aws.eks().cluster("shop")).hasValueSatisfying(c -> assertThat(c.autoMode()).isTrue());
 * }</pre>
 */
public final class EksStandIn implements ServiceStandIn {

    public static final String CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    /** The managed policies an Auto Mode cluster's role needs besides {@code AmazonEKSClusterPolicy}. */
    public static final Set<String> AUTO_MODE_CLUSTER_POLICIES = Set.of(
            "arn:aws:iam::aws:policy/AmazonEKSComputePolicy", "arn:aws:iam::aws:policy/AmazonEKSBlockStoragePolicy",
            "arn:aws:iam::aws:policy/AmazonEKSLoadBalancingPolicy", "arn:aws:iam::aws:policy/AmazonEKSNetworkingPolicy");
    public static final String DEFAULT_VERSION = "1.33";

    private final AwsStandIn aws;
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private int pollsToSettle = 2;
    private List<HealthIssue> nextClusterFailure;
    private String nextNodegroupStatus;
    private List<HealthIssue> nextNodegroupIssues = List.of();

    public EksStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "eks";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    // ---- state and scripts, for tests

    public synchronized Optional<Cluster> cluster(String name) {
        return Optional.ofNullable(clusters.get(name)).map(ClusterState::snapshot);
    }

    public synchronized List<Cluster> clusters() {
        return clusters.values().stream().map(ClusterState::snapshot).toList();
    }

    public synchronized Optional<Nodegroup> nodegroup(String cluster, String name) {
        return Optional.ofNullable(clusters.get(cluster)).map(c -> c.nodegroups.get(name)).map(NodegroupState::snapshot);
    }

    public synchronized List<AccessEntry> accessEntries(String cluster) {
        ClusterState c = clusters.get(cluster);
        return c == null ? List.of() : c.accessEntries.entrySet().stream()
                .map(e -> new AccessEntry(cluster, e.getKey(), e.getValue())).toList();
    }

    /** How many describes a create, update or delete takes to settle; default 2. */
    public synchronized EksStandIn pollsToSettle(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must not be negative");
        }
        this.pollsToSettle = polls;
        return this;
    }

    /** The next cluster created ends {@code FAILED} with these health issues instead of ACTIVE. */
    public synchronized EksStandIn failNextCluster(HealthIssue... issues) {
        this.nextClusterFailure = List.of(issues);
        return this;
    }

    /** The next node group created ends in {@code status} ({@code DEGRADED}, {@code CREATE_FAILED}) with these issues. */
    public synchronized EksStandIn degradeNextNodegroup(String status, HealthIssue... issues) {
        this.nextNodegroupStatus = status;
        this.nextNodegroupIssues = List.of(issues);
        return this;
    }

    /** Puts an ACTIVE cluster in place as if made before the test (by someone else: no tags). */
    public synchronized Cluster givenActiveCluster(String name, String roleArn, List<String> subnetIds) {
        ClusterState c = new ClusterState(name, DEFAULT_VERSION, roleArn, subnetIds, "API_AND_CONFIG_MAP", false, null,
                Map.of());
        c.status = "ACTIVE";
        clusters.put(name, c);
        return c.snapshot();
    }

    // ---- the API

    @Override
    public String operationOf(AwsRequest request) {
        String[] p = request.path().replaceAll("^/+", "").split("/", 5);
        String method = request.method();
        if (!p[0].equals("clusters")) {
            throw AwsFaultException.notFaked(signingName(), method + " " + request.path());
        }
        String operation = switch (p.length) {
            case 1 -> method.equals("POST") ? "CreateCluster" : method.equals("GET") ? "ListClusters" : null;
            case 2 -> method.equals("GET") ? "DescribeCluster" : method.equals("DELETE") ? "DeleteCluster" : null;
            case 3 -> switch (p[2]) {
                case "node-groups" -> method.equals("POST") ? "CreateNodegroup" : method.equals("GET") ? "ListNodegroups" : null;
                case "access-entries" -> method.equals("POST") ? "CreateAccessEntry" : method.equals("GET") ? "ListAccessEntries" : null;
                default -> null;
            };
            default -> p[2].equals("node-groups") ? (p.length == 5 && p[4].equals("update-config") && method.equals("POST")
                    ? "UpdateNodegroupConfig" : p.length == 4 && method.equals("GET") ? "DescribeNodegroup"
                    : p.length == 4 && method.equals("DELETE") ? "DeleteNodegroup" : null)
                    : p[2].equals("access-entries") ? accessEntryOperation(request, method) : null;
        };
        if (operation == null) {
            throw AwsFaultException.notFaked(signingName(), method + " " + request.path());
        }
        return operation;
    }

    private static String accessEntryOperation(AwsRequest request, String method) {
        if (request.path().endsWith("/access-policies")) {
            return method.equals("POST") ? "AssociateAccessPolicy" : method.equals("GET") ? "ListAssociatedAccessPolicies" : null;
        }
        return method.equals("GET") ? "DescribeAccessEntry" : method.equals("DELETE") ? "DeleteAccessEntry" : null;
    }

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        String[] p = request.path().replaceAll("^/+", "").split("/", 5);
        return switch (operation) {
            case "CreateCluster" -> createCluster(request.json());
            case "ListClusters" -> ok(Json.object().set("clusters", strings(List.copyOf(clusters.keySet()))));
            case "DescribeCluster" -> ok(Json.object().set("cluster", describe(existing(p[1]))));
            case "DeleteCluster" -> deleteCluster(existing(p[1]));
            case "CreateNodegroup" -> createNodegroup(existing(p[1]), request.json());
            case "ListNodegroups" -> ok(Json.object().set("nodegroups", strings(List.copyOf(existing(p[1]).nodegroups.keySet()))));
            case "DescribeNodegroup" -> ok(Json.object().set("nodegroup", describe(existingNodegroup(existing(p[1]), p[3]))));
            case "DeleteNodegroup" -> deleteNodegroup(existingNodegroup(existing(p[1]), p[3]));
            case "UpdateNodegroupConfig" -> updateNodegroup(existingNodegroup(existing(p[1]), p[3]), request.json());
            case "CreateAccessEntry" -> createAccessEntry(existing(p[1]), request.json());
            case "ListAccessEntries" -> ok(Json.object().set("accessEntries", strings(List.copyOf(existing(p[1]).accessEntries.keySet()))));
            case "DescribeAccessEntry" -> ok(Json.object().set("accessEntry", accessEntry(existing(p[1]), principalOf(request))));
            case "AssociateAccessPolicy" -> associate(existing(p[1]), principalOf(request), request.json());
            default -> throw AwsFaultException.notFaked(signingName(), operation);
        };
    }

    private AwsResponse createCluster(JsonNode body) {
        String name = required(body, "name");
        if (clusters.containsKey(name)) {
            throw new AwsFaultException(409, "ResourceInUseException", "Cluster already exists with name: " + name);
        }
        String roleArn = required(body, "roleArn");
        Role role = assumableRole(roleArn, "eks.amazonaws.com");
        List<String> subnets = texts(body.path("resourcesVpcConfig").path("subnetIds"));
        if (zones(subnets) < 2) {
            throw invalid("Subnets specified must be in at least two different AZs");
        }
        boolean compute = body.path("computeConfig").path("enabled").asBoolean(false);
        boolean loadBalancing = body.path("kubernetesNetworkConfig").path("elasticLoadBalancing").path("enabled").asBoolean(false);
        boolean blockStorage = body.path("storageConfig").path("blockStorage").path("enabled").asBoolean(false);
        if (compute != loadBalancing || compute != blockStorage) {
            throw invalid("For EKS Auto Mode, computeConfig.enabled, kubernetesNetworkConfig.elasticLoadBalancing.enabled "
                    + "and storageConfig.blockStorage.enabled must all be set to the same value");
        }
        String nodeRoleArn = body.path("computeConfig").path("nodeRoleArn").asText(null);
        if (compute) {
            if (body.path("computeConfig").path("nodePools").size() > 0 && nodeRoleArn == null) {
                throw invalid("When Compute Config nodePools are specified, nodeRoleArn must be specified");
            }
            if (nodeRoleArn != null) {
                assumableRole(nodeRoleArn, "ec2.amazonaws.com");
            }
            Set<String> missing = new LinkedHashSet<>(AUTO_MODE_CLUSTER_POLICIES);
            missing.removeAll(role.attachedPolicyArns());
            if (!missing.isEmpty()) {
                throw invalid("The cluster role " + roleArn + " is missing the EKS Auto Mode policies " + missing);
            }
        }
        String mode = body.path("accessConfig").path("authenticationMode").asText("API_AND_CONFIG_MAP");
        ClusterState c = new ClusterState(name, body.path("version").asText(DEFAULT_VERSION), roleArn, subnets, mode,
                compute, nodeRoleArn, tags(body));
        c.outcome = nextClusterFailure;
        nextClusterFailure = null;
        if (body.path("accessConfig").path("bootstrapClusterCreatorAdminPermissions").asBoolean(true)) {
            c.accessEntries.put(principalFor(aws.account().callerArn()), new LinkedHashSet<>(Set.of(CLUSTER_ADMIN_POLICY)));
        }
        clusters.put(name, c);
        return ok(Json.object().set("cluster", describe(c, false)));
    }

    private AwsResponse deleteCluster(ClusterState c) {
        if (!c.nodegroups.isEmpty()) {
            throw new AwsFaultException(409, "ResourceInUseException", "Cluster has nodegroups attached");
        }
        if (!c.status.equals("DELETING")) {
            c.status = "DELETING";
            c.polls = 0;
        }
        return ok(Json.object().set("cluster", describe(c, false)));
    }

    private AwsResponse createNodegroup(ClusterState c, JsonNode body) {
        String name = required(body, "nodegroupName");
        if (!c.status.equals("ACTIVE")) {
            throw new AwsFaultException(400, "InvalidRequestException", "Cluster '" + c.name + "' is not in ACTIVE status");
        }
        if (c.nodegroups.containsKey(name)) {
            throw new AwsFaultException(409, "ResourceInUseException", "NodeGroup already exists with name " + name
                    + " and cluster name " + c.name);
        }
        String nodeRole = required(body, "nodeRole");
        assumableRole(nodeRole, "ec2.amazonaws.com");
        List<String> subnets = texts(body.path("subnets"));
        if (subnets.isEmpty()) {
            throw invalid("Subnets are required");
        }
        JsonNode scaling = body.path("scalingConfig");
        int min = scaling.path("minSize").asInt(1);
        int desired = scaling.path("desiredSize").asInt(min);
        int max = scaling.path("maxSize").asInt(Math.max(desired, 1));
        checkScaling(min, desired, max);
        List<String> types = texts(body.path("instanceTypes"));
        NodegroupState n = new NodegroupState(c.name, name, types.isEmpty() ? List.of("t3.medium") : types, min, desired,
                max, nodeRole, subnets, tags(body));
        n.outcomeStatus = nextNodegroupStatus;
        n.outcomeIssues = nextNodegroupIssues;
        nextNodegroupStatus = null;
        nextNodegroupIssues = List.of();
        c.nodegroups.put(name, n);
        return ok(Json.object().set("nodegroup", describe(n, false)));
    }

    private AwsResponse deleteNodegroup(NodegroupState n) {
        if (!n.status.equals("DELETING")) {
            n.status = "DELETING";
            n.polls = 0;
        }
        return ok(Json.object().set("nodegroup", describe(n, false)));
    }

    private AwsResponse updateNodegroup(NodegroupState n, JsonNode body) {
        if (!n.status.equals("ACTIVE") && !n.status.equals("DEGRADED")) {
            throw new AwsFaultException(409, "ResourceInUseException", "Nodegroup " + n.name + " is in " + n.status
                    + " state, cannot be updated");
        }
        JsonNode scaling = body.path("scalingConfig");
        int min = scaling.path("minSize").asInt(n.min);
        int desired = scaling.path("desiredSize").asInt(n.desired);
        int max = scaling.path("maxSize").asInt(n.max);
        checkScaling(min, desired, max);
        n.min = min;
        n.desired = desired;
        n.max = max;
        n.status = "UPDATING";
        n.polls = 0;
        ObjectNode update = Json.object().put("id", UUID.randomUUID().toString()).put("status", "InProgress")
                .put("type", "ConfigUpdate").put("createdAt", aws.now().getEpochSecond());
        update.set("params", Json.array().add(Json.object().put("type", "DesiredSize").put("value", String.valueOf(desired))));
        update.set("errors", Json.array());
        return ok(Json.object().set("update", update));
    }

    private AwsResponse createAccessEntry(ClusterState c, JsonNode body) {
        String principal = required(body, "principalArn");
        if (c.accessEntries.containsKey(principal)) {
            throw new AwsFaultException(409, "ResourceInUseException", "The specified access entry resource is already in use on this cluster.");
        }
        c.accessEntries.put(principal, new LinkedHashSet<>());
        return ok(Json.object().set("accessEntry", accessEntry(c, principal)));
    }

    private AwsResponse associate(ClusterState c, String principal, JsonNode body) {
        Set<String> policies = c.accessEntries.get(principal);
        if (policies == null) {
            throw new AwsFaultException(404, "ResourceNotFoundException", "The specified access entry resource is not found.");
        }
        String policy = required(body, "policyArn");
        policies.add(policy);
        ObjectNode associated = Json.object().put("policyArn", policy).put("associatedAt", aws.now().getEpochSecond());
        associated.set("accessScope", body.path("accessScope").isMissingNode() ? Json.object().put("type", "cluster") : body.path("accessScope"));
        return ok(Json.object().put("clusterName", c.name).put("principalArn", principal).set("associatedAccessPolicy", associated));
    }

    // ---- answers

    private ObjectNode describe(ClusterState c) {
        return describe(c, true);
    }

    private ObjectNode describe(ClusterState c, boolean poll) {
        if (poll) {
            advance(c);
            if (!clusters.containsKey(c.name)) {
                throw new AwsFaultException(404, "ResourceNotFoundException", "No cluster found for name: " + c.name + ".");
            }
        }
        ObjectNode o = Json.object().put("name", c.name).put("arn", c.arn).put("createdAt", c.createdAt)
                .put("version", c.version).put("roleArn", c.roleArn).put("status", c.status)
                .put("platformVersion", "eks.1");
        ObjectNode vpc = o.putObject("resourcesVpcConfig");
        vpc.set("subnetIds", strings(c.subnets));
        vpc.put("vpcId", "vpc-standin").put("endpointPublicAccess", true).put("endpointPrivateAccess", false);
        if (c.status.equals("ACTIVE")) {
            o.put("endpoint", "https://" + Integer.toHexString(c.arn.hashCode()).toUpperCase(java.util.Locale.ROOT)
                    + ".gr7." + aws.account().region() + ".eks.amazonaws.com");
            o.putObject("certificateAuthority").put("data", Base64.getEncoder().encodeToString(
                    ("-----BEGIN CERTIFICATE-----\nstand-in CA of " + c.name + "\n-----END CERTIFICATE-----\n")
                            .getBytes(StandardCharsets.UTF_8)));
        } else {
            o.putObject("certificateAuthority");
        }
        o.putObject("kubernetesNetworkConfig").put("serviceIpv4Cidr", "10.100.0.0/16").put("ipFamily", "ipv4")
                .putObject("elasticLoadBalancing").put("enabled", c.autoMode);
        ObjectNode compute = o.putObject("computeConfig").put("enabled", c.autoMode);
        if (c.autoMode) {
            compute.set("nodePools", strings(List.of("general-purpose", "system")));
            if (c.nodeRoleArn != null) {
                compute.put("nodeRoleArn", c.nodeRoleArn);
            }
        }
        o.putObject("storageConfig").putObject("blockStorage").put("enabled", c.autoMode);
        o.putObject("accessConfig").put("authenticationMode", c.authenticationMode);
        o.set("tags", tagsNode(c.tags));
        o.putObject("health").set("issues", issues(c.status.equals("FAILED") ? c.outcome : List.of()));
        return o;
    }

    private ObjectNode describe(NodegroupState n) {
        return describe(n, true);
    }

    private ObjectNode describe(NodegroupState n, boolean poll) {
        if (poll) {
            advance(n);
            if (!clusters.get(n.cluster).nodegroups.containsKey(n.name)) {
                throw new AwsFaultException(404, "ResourceNotFoundException", "No node group found for name: " + n.name + ".");
            }
        }
        ObjectNode o = Json.object().put("nodegroupName", n.name)
                .put("nodegroupArn", aws.account().regionalArn("eks", "nodegroup/" + n.cluster + "/" + n.name + "/standin"))
                .put("clusterName", n.cluster).put("version", DEFAULT_VERSION).put("status", n.status)
                .put("capacityType", "ON_DEMAND").put("createdAt", n.createdAt).put("modifiedAt", aws.now().getEpochSecond())
                .put("nodeRole", n.nodeRole).put("amiType", "AL2023_x86_64_STANDARD");
        o.putObject("scalingConfig").put("minSize", n.min).put("maxSize", n.max).put("desiredSize", n.desired);
        o.set("instanceTypes", strings(n.instanceTypes));
        o.set("subnets", strings(n.subnets));
        o.set("tags", tagsNode(n.tags));
        o.putObject("health").set("issues", issues(n.issues()));
        return o;
    }

    private ObjectNode accessEntry(ClusterState c, String principal) {
        if (!c.accessEntries.containsKey(principal)) {
            throw new AwsFaultException(404, "ResourceNotFoundException", "The specified access entry resource is not found.");
        }
        return Json.object().put("clusterName", c.name).put("principalArn", principal).put("type", "STANDARD")
                .put("accessEntryArn", aws.account().regionalArn("eks", "access-entry/" + c.name + "/standin"))
                .put("createdAt", c.createdAt);
    }

    // ---- state machines: one step per describe

    private void advance(ClusterState c) {
        if (c.status.equals("CREATING") || c.status.equals("DELETING")) {
            if (++c.polls >= pollsToSettle) {
                if (c.status.equals("DELETING")) {
                    clusters.remove(c.name);
                } else {
                    c.status = c.outcome == null ? "ACTIVE" : "FAILED";
                }
            }
        }
    }

    private void advance(NodegroupState n) {
        if (n.status.equals("CREATING") || n.status.equals("UPDATING") || n.status.equals("DELETING")) {
            if (++n.polls >= pollsToSettle) {
                switch (n.status) {
                    case "DELETING" -> clusters.get(n.cluster).nodegroups.remove(n.name);
                    case "CREATING" -> n.status = n.outcomeStatus == null ? "ACTIVE" : n.outcomeStatus;
                    default -> n.status = n.outcomeStatus != null && n.outcomeStatus.equals("DEGRADED") ? "DEGRADED" : "ACTIVE";
                }
            }
        }
    }

    // ---- helpers

    private Role assumableRole(String roleArn, String principal) {
        Role role = aws.iam().roles().stream().filter(r -> r.arn().equals(roleArn)).findFirst().orElse(null);
        if (role == null || !role.trusts(principal) || !aws.iam().assumable(roleArn)) {
            throw invalid("Role with arn: " + roleArn + ", does not exist or is not trusted by " + principal
                    + ". Please verify the role trust policy.");
        }
        return role;
    }

    /**
     * The Availability Zones the subnets span, as the EC2 stand-in knows them (a subnet it does not
     * know is refused, as EKS does); without an EC2 stand-in, each subnet counts as a zone.
     */
    private long zones(List<String> subnetIds) {
        Ec2StandIn ec2;
        try {
            ec2 = aws.ec2();
        } catch (IllegalStateException e) {
            return subnetIds.stream().distinct().count();
        }
        Map<String, String> zoneOf = new HashMap<>();
        ec2.subnets().forEach(subnet -> zoneOf.put(subnet.id(), subnet.availabilityZone()));
        for (String id : subnetIds) {
            if (!zoneOf.containsKey(id)) {
                throw invalid("The subnet ID '" + id + "' does not exist");
            }
        }
        return subnetIds.stream().map(zoneOf::get).distinct().count();
    }

    private ClusterState existing(String name) {
        ClusterState c = clusters.get(name);
        if (c == null) {
            throw new AwsFaultException(404, "ResourceNotFoundException", "No cluster found for name: " + name + ".");
        }
        return c;
    }

    private static NodegroupState existingNodegroup(ClusterState c, String name) {
        NodegroupState n = c.nodegroups.get(name);
        if (n == null) {
            throw new AwsFaultException(404, "ResourceNotFoundException", "No node group found for name: " + name + ".");
        }
        return n;
    }

    private static String principalOf(AwsRequest request) {
        String rest = request.path().substring(request.path().indexOf("/access-entries/") + "/access-entries/".length());
        return rest.endsWith("/access-policies") ? rest.substring(0, rest.length() - "/access-policies".length()) : rest;
    }

    /** Access entries key an assumed-role session by its role, as EKS does. */
    private static String principalFor(String callerArn) {
        String[] parts = callerArn.split(":", 6);
        if (parts.length == 6 && parts[2].equals("sts") && parts[5].startsWith("assumed-role/")) {
            String role = parts[5].substring("assumed-role/".length());
            return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role.substring(0, role.indexOf('/') < 0 ? role.length() : role.indexOf('/'));
        }
        return callerArn;
    }

    private static void checkScaling(int min, int desired, int max) {
        if (min < 0 || max < 1 || min > desired || desired > max) {
            throw invalid("Minimum capacity " + min + " can't be greater than desired size " + desired
                    + ", and desired size can't be greater than maximum " + max);
        }
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText(null);
        if (value == null || value.isEmpty()) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static AwsFaultException invalid(String message) {
        return new AwsFaultException(400, "InvalidParameterException", message);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static Map<String, String> tags(JsonNode body) {
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode tagsNode(Map<String, String> tags) {
        ObjectNode node = Json.object();
        tags.forEach(node::put);
        return node;
    }

    private static ArrayNode issues(List<HealthIssue> issues) {
        ArrayNode array = Json.array();
        for (HealthIssue issue : issues) {
            array.add(Json.object().put("code", issue.code()).put("message", issue.message())
                    .set("resourceIds", strings(issue.resourceIds())));
        }
        return array;
    }

    private static AwsResponse ok(JsonNode body) {
        return AwsResponse.restJson(200, body);
    }

    private final class ClusterState {
        final String name;
        final String arn;
        final long createdAt = aws.now().getEpochSecond();
        final String version;
        final String roleArn;
        final List<String> subnets;
        final String authenticationMode;
        final boolean autoMode;
        final String nodeRoleArn;
        final Map<String, String> tags;
        final Map<String, NodegroupState> nodegroups = new LinkedHashMap<>();
        final Map<String, Set<String>> accessEntries = new HashMap<>();
        String status = "CREATING";
        int polls;
        List<HealthIssue> outcome;

        ClusterState(String name, String version, String roleArn, List<String> subnets, String authenticationMode,
                boolean autoMode, String nodeRoleArn, Map<String, String> tags) {
            this.name = name;
            this.arn = aws.account().regionalArn("eks", "cluster/" + name);
            this.version = version;
            this.roleArn = roleArn;
            this.subnets = List.copyOf(subnets);
            this.authenticationMode = authenticationMode;
            this.autoMode = autoMode;
            this.nodeRoleArn = nodeRoleArn;
            this.tags = Map.copyOf(tags);
        }

        Cluster snapshot() {
            return new Cluster(name, arn, status, version, roleArn, subnets, authenticationMode, autoMode,
                    Optional.ofNullable(nodeRoleArn), tags, status.equals("FAILED") ? outcome : List.of());
        }
    }

    private final class NodegroupState {
        final String cluster;
        final String name;
        final long createdAt = aws.now().getEpochSecond();
        final List<String> instanceTypes;
        final String nodeRole;
        final List<String> subnets;
        final Map<String, String> tags;
        int min;
        int desired;
        int max;
        String status = "CREATING";
        int polls;
        String outcomeStatus;
        List<HealthIssue> outcomeIssues = List.of();

        NodegroupState(String cluster, String name, List<String> instanceTypes, int min, int desired, int max,
                String nodeRole, List<String> subnets, Map<String, String> tags) {
            this.cluster = cluster;
            this.name = name;
            this.instanceTypes = List.copyOf(instanceTypes);
            this.min = min;
            this.desired = desired;
            this.max = max;
            this.nodeRole = nodeRole;
            this.subnets = List.copyOf(subnets);
            this.tags = Map.copyOf(tags);
        }

        List<HealthIssue> issues() {
            return status.equals("DEGRADED") || status.equals("CREATE_FAILED") ? outcomeIssues : List.of();
        }

        Nodegroup snapshot() {
            return new Nodegroup(cluster, name, status, instanceTypes, min, desired, max, nodeRole, subnets, tags, issues());
        }
    }
}
