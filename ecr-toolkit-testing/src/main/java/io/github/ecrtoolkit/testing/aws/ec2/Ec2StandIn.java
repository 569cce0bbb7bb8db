package io.github.ecrtoolkit.testing.aws.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.QueryParameters;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;
import io.github.ecrtoolkit.testing.aws.Xml;

/**
 * EC2 networking as a container service sees it: VPCs, subnets, security groups (created, opened,
 * closed, deleted, with EC2's errors such as {@code InvalidGroup.Duplicate} and
 * {@code DependencyViolation} while an interface uses one) and the network interfaces tasks get.
 * A fresh account has a default VPC with a default subnet in each of three zones, as a new AWS
 * account does.
 *
 * <pre>{@code
 * aws.ec2().removeDefaultVpc();                       // an account whose default VPC was deleted
 * assertThat(aws.ec2().securityGroups()).singleElement()
 *         .satisfies(sg -> assertThat(sg.opensToTheWorld(8080)).isTrue());
 * }</pre>
 */
public final class Ec2StandIn implements ServiceStandIn {

    public static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public static final String DEFAULT_VPC_ID = "vpc-0default0000000";

    private final AwsStandIn aws;
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
    private int sequence;

    public Ec2StandIn(AwsStandIn aws) {
        this.aws = aws;
        givenVpc(DEFAULT_VPC_ID, "172.31.0.0/16", true);
        String region = aws.account().region();
        for (String zone : List.of("a", "b", "c")) {
            givenSubnet(DEFAULT_VPC_ID, region + zone, true);
        }
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2_QUERY;
    }

    // ---- state, for tests and for other services

    public synchronized List<Vpc> vpcs() {
        return List.copyOf(vpcs.values());
    }

    public synchronized List<Subnet> subnets() {
        return List.copyOf(subnets.values());
    }

    public synchronized List<SecurityGroup> securityGroups() {
        return List.copyOf(groups.values());
    }

    public synchronized Optional<SecurityGroup> securityGroup(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public synchronized List<NetworkInterface> networkInterfaces() {
        return List.copyOf(interfaces.values());
    }

    /** Deletes the default VPC with its subnets and groups: the account then has none. */
    public synchronized Ec2StandIn removeDefaultVpc() {
        vpcs.remove(DEFAULT_VPC_ID);
        subnets.values().removeIf(subnet -> subnet.vpcId().equals(DEFAULT_VPC_ID));
        groups.values().removeIf(group -> group.vpcId().equals(DEFAULT_VPC_ID));
        return this;
    }

    /** A VPC as if created before the test (with its {@code default} security group). */
    public synchronized Vpc givenVpc(String id, String cidrBlock, boolean isDefault) {
        Vpc vpc = new Vpc(id, cidrBlock, isDefault);
        vpcs.put(id, vpc);
        String groupId = nextId("sg");
        groups.put(groupId, new SecurityGroup(groupId, "default", "default VPC security group", id, List.of(), Map.of()));
        return vpc;
    }

    /** A subnet as if created before the test; its addresses come from the VPC's range. */
    public synchronized Subnet givenSubnet(String vpcId, String availabilityZone, boolean defaultForAz) {
        Vpc vpc = Optional.ofNullable(vpcs.get(vpcId)).orElseThrow(() -> new IllegalArgumentException("no VPC " + vpcId));
        long count = subnets.values().stream().filter(subnet -> subnet.vpcId().equals(vpcId)).count();
        String prefix = vpc.cidrBlock().substring(0, vpc.cidrBlock().indexOf('.', vpc.cidrBlock().indexOf('.') + 1));
        Subnet subnet = new Subnet(nextId("subnet"), vpcId, availabilityZone, prefix + "." + (count * 16) + ".0/20",
                defaultForAz, defaultForAz);
        subnets.put(subnet.id(), subnet);
        return subnet;
    }

    /**
     * Attaches a new interface in {@code subnetId}, as ECS does for each {@code awsvpc} task; a public
     * address (from 203.0.113.0/24, the documentation range) when {@code publicIp} is asked.
     *
     * @throws AwsFaultException {@code InvalidSubnetID.NotFound} or {@code InvalidGroup.NotFound}
     */
    public synchronized NetworkInterface attachInterface(String subnetId, List<String> securityGroupIds, boolean publicIp) {
        Subnet subnet = Optional.ofNullable(subnets.get(subnetId)).orElseThrow(() -> new AwsFaultException(400,
                "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist"));
        securityGroupIds.forEach(this::existingGroup);
        int n = ++sequence;
        String[] octets = subnet.cidrBlock().split("[./]");
        String privateIp = octets[0] + "." + octets[1] + "." + (Integer.parseInt(octets[2]) + n / 250) + "." + (n % 250 + 4);
        NetworkInterface eni = new NetworkInterface(String.format("eni-%017x", n), subnetId, subnet.vpcId(), privateIp,
                publicIp ? Optional.of("203.0.113." + (n % 250 + 1)) : Optional.empty(), securityGroupIds);
        interfaces.put(eni.id(), eni);
        return eni;
    }

    public synchronized void detachInterface(String id) {
        interfaces.remove(id);
    }

    // ---- the API

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        QueryParameters form = request.form();
        return switch (operation) {
            case "DescribeVpcs" -> describe(operation, "vpcSet", matching(vpcs.values(), form, "VpcId", Vpc::id, Ec2StandIn::vpcFilter),
                    Ec2StandIn::vpcXml);
            case "DescribeSubnets" -> describe(operation, "subnetSet",
                    matching(subnets.values(), form, "SubnetId", Subnet::id, Ec2StandIn::subnetFilter), this::subnetXml);
            case "DescribeSecurityGroups" -> describe(operation, "securityGroupInfo",
                    matching(groups.values(), form, "GroupId", SecurityGroup::id, Ec2StandIn::groupFilter), this::groupXml);
            case "DescribeNetworkInterfaces" -> describe(operation, "networkInterfaceSet",
                    matching(interfaces.values(), form, "NetworkInterfaceId", NetworkInterface::id, Ec2StandIn::interfaceFilter),
                    this::interfaceXml);
            case "CreateSecurityGroup" -> createGroup(form);
            case "AuthorizeSecurityGroupIngress" -> changeIngress(form, true);
            case "RevokeSecurityGroupIngress" -> changeIngress(form, false);
            case "DeleteSecurityGroup" -> deleteGroup(form.required("GroupId"));
            default -> throw AwsFaultException.notFaked(signingName(), operation);
        };
    }

    private AwsResponse createGroup(QueryParameters form) {
        String name = form.required("GroupName");
        String vpcId = form.get("VpcId").orElseThrow(() -> new AwsFaultException(400, "VPCIdNotSpecified",
                "No default VPC for this user"));
        if (!vpcs.containsKey(vpcId)) {
            throw new AwsFaultException(400, "InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        if (groups.values().stream().anyMatch(g -> g.vpcId().equals(vpcId) && g.name().equals(name))) {
            throw new AwsFaultException(400, "InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; form.get("TagSpecification." + i + ".ResourceType").isPresent(); i++) {
            tags.putAll(form.keyValues("TagSpecification." + i + ".Tag", "Key", "Value"));
        }
        SecurityGroup group = new SecurityGroup(nextId("sg"), name, form.required("GroupDescription"), vpcId, List.of(), tags);
        groups.put(group.id(), group);
        return AwsResponse.ec2Result("CreateSecurityGroup", NAMESPACE, Xml.element("return", true),
                Xml.element("groupId", group.id()), tagSet(tags));
    }

    private AwsResponse changeIngress(QueryParameters form, boolean authorize) {
        SecurityGroup group = existingGroup(form.required("GroupId"));
        List<SecurityGroup.Rule> rules = new ArrayList<>(group.ingress());
        for (int i = 1; form.get("IpPermissions." + i + ".IpProtocol").isPresent(); i++) {
            String prefix = "IpPermissions." + i + ".";
            String protocol = form.required(prefix + "IpProtocol");
            int from = Integer.parseInt(form.get(prefix + "FromPort").orElse("-1"));
            int to = Integer.parseInt(form.get(prefix + "ToPort").orElse("-1"));
            for (int r = 1; form.get(prefix + "IpRanges." + r + ".CidrIp").isPresent(); r++) {
                SecurityGroup.Rule rule = new SecurityGroup.Rule(protocol, from, to, form.required(prefix + "IpRanges." + r + ".CidrIp"));
                if (authorize) {
                    if (rules.contains(rule)) {
                        throw new AwsFaultException(400, "InvalidPermission.Duplicate", "the specified rule \"peer: "
                                + rule.cidr() + ", " + protocol.toUpperCase(java.util.Locale.ROOT) + ", from port: " + from
                                + ", to port: " + to + ", ALLOW\" already exists");
                    }
                    rules.add(rule);
                } else if (!rules.remove(rule)) {
                    throw new AwsFaultException(400, "InvalidPermission.NotFound",
                            "The specified rule does not exist in this security group.");
                }
            }
        }
        groups.put(group.id(), group.withIngress(rules));
        return AwsResponse.ec2Result(authorize ? "AuthorizeSecurityGroupIngress" : "RevokeSecurityGroupIngress", NAMESPACE,
                Xml.element("return", true));
    }

    private AwsResponse deleteGroup(String id) {
        SecurityGroup group = existingGroup(id);
        if (group.name().equals("default")) {
            throw new AwsFaultException(400, "CannotDelete", "the specified group: \"" + id + "\" name: \"default\" cannot be deleted by a user");
        }
        if (interfaces.values().stream().anyMatch(eni -> eni.securityGroupIds().contains(id))) {
            throw new AwsFaultException(400, "DependencyViolation", "resource " + id + " has a dependent object");
        }
        groups.remove(id);
        return AwsResponse.ec2Result("DeleteSecurityGroup", NAMESPACE, Xml.element("return", true), Xml.element("groupId", id));
    }

    private SecurityGroup existingGroup(String id) {
        SecurityGroup group = groups.get(id);
        if (group == null) {
            throw new AwsFaultException(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return group;
    }

    // ---- filters and answers

    private static <T> List<T> matching(Iterable<T> all, QueryParameters form, String idParameter, Function<T, String> id,
            java.util.function.BiFunction<T, String, List<String>> filterValues) {
        List<String> ids = form.list(idParameter);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; form.get("Filter." + i + ".Name").isPresent(); i++) {
            filters.put(form.required("Filter." + i + ".Name"), form.list("Filter." + i + ".Value"));
        }
        List<T> found = new ArrayList<>();
        for (T item : all) {
            boolean match = ids.isEmpty() || ids.contains(id.apply(item));
            for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
                List<String> values = filterValues.apply(item, filter.getKey());
                match &= values.stream().anyMatch(filter.getValue()::contains);
            }
            if (match) {
                found.add(item);
            }
        }
        if (!ids.isEmpty() && found.size() < ids.size()) {
            String missing = ids.stream().filter(wanted -> found.stream().noneMatch(f -> id.apply(f).equals(wanted))).findFirst().orElse("");
            String kind = switch (idParameter) {
                case "GroupId" -> "InvalidGroup.NotFound";
                case "SubnetId" -> "InvalidSubnetID.NotFound";
                case "VpcId" -> "InvalidVpcID.NotFound";
                default -> "InvalidNetworkInterfaceID.NotFound";
            };
            throw new AwsFaultException(400, kind, "The ID '" + missing + "' does not exist");
        }
        return found;
    }

    private static List<String> vpcFilter(Vpc vpc, String name) {
        return switch (name) {
            case "isDefault", "is-default" -> List.of(String.valueOf(vpc.isDefault()));
            case "vpc-id" -> List.of(vpc.id());
            default -> throw unknownFilter(name);
        };
    }

    private static List<String> subnetFilter(Subnet subnet, String name) {
        return switch (name) {
            case "vpc-id" -> List.of(subnet.vpcId());
            case "default-for-az", "defaultForAz" -> List.of(String.valueOf(subnet.defaultForAz()));
            case "availability-zone" -> List.of(subnet.availabilityZone());
            case "subnet-id" -> List.of(subnet.id());
            default -> throw unknownFilter(name);
        };
    }

    private static List<String> groupFilter(SecurityGroup group, String name) {
        if (name.startsWith("tag:")) {
            return Optional.ofNullable(group.tags().get(name.substring(4))).map(List::of).orElse(List.of());
        }
        return switch (name) {
            case "group-name" -> List.of(group.name());
            case "group-id" -> List.of(group.id());
            case "vpc-id" -> List.of(group.vpcId());
            default -> throw unknownFilter(name);
        };
    }

    private static List<String> interfaceFilter(NetworkInterface eni, String name) {
        return switch (name) {
            case "subnet-id" -> List.of(eni.subnetId());
            case "vpc-id" -> List.of(eni.vpcId());
            case "group-id" -> eni.securityGroupIds();
            default -> throw unknownFilter(name);
        };
    }

    private static AwsFaultException unknownFilter(String name) {
        return new AwsFaultException(400, "InvalidParameterValue", "The filter '" + name + "' is invalid (or not faked by the stand-in)");
    }

    private <T> AwsResponse describe(String operation, String setName, List<T> items, Function<T, Xml> xml) {
        Xml set = Xml.element(setName);
        items.stream().map(xml).forEach(set::add);
        return AwsResponse.ec2Result(operation, NAMESPACE, set);
    }

    private static Xml vpcXml(Vpc vpc) {
        return Xml.element("item").text("vpcId", vpc.id()).text("state", "available").text("cidrBlock", vpc.cidrBlock())
                .text("isDefault", vpc.isDefault());
    }

    private Xml subnetXml(Subnet subnet) {
        return Xml.element("item").text("subnetId", subnet.id()).text("vpcId", subnet.vpcId()).text("state", "available")
                .text("availabilityZone", subnet.availabilityZone()).text("cidrBlock", subnet.cidrBlock())
                .text("defaultForAz", subnet.defaultForAz()).text("mapPublicIpOnLaunch", subnet.mapPublicIpOnLaunch())
                .text("ownerId", aws.account().id());
    }

    private Xml groupXml(SecurityGroup group) {
        List<Xml> rules = group.ingress().stream().map(rule -> Xml.element("item").text("ipProtocol", rule.protocol())
                .text("fromPort", rule.fromPort()).text("toPort", rule.toPort())
                .list("ipRanges", List.of(Xml.element("item").text("cidrIp", rule.cidr())))).toList();
        return Xml.element("item").text("ownerId", aws.account().id()).text("groupId", group.id())
                .text("groupName", group.name()).text("groupDescription", group.description()).text("vpcId", group.vpcId())
                .list("ipPermissions", rules).add(tagSet(group.tags()));
    }

    private Xml interfaceXml(NetworkInterface eni) {
        Xml item = Xml.element("item").text("networkInterfaceId", eni.id()).text("subnetId", eni.subnetId())
                .text("vpcId", eni.vpcId()).text("status", "in-use").text("interfaceType", "interface")
                .text("privateIpAddress", eni.privateIp())
                .list("groupSet", eni.securityGroupIds().stream().map(id -> Xml.element("item").text("groupId", id)
                        .text("groupName", Optional.ofNullable(groups.get(id)).map(SecurityGroup::name).orElse(null))).toList());
        eni.publicIp().ifPresent(ip -> item.add(Xml.element("association").text("publicIp", ip).text("ipOwnerId", "amazon")));
        return item;
    }

    private static Xml tagSet(Map<String, String> tags) {
        Xml set = Xml.element("tagSet");
        tags.forEach((key, value) -> set.add(Xml.element("item").text("key", key).text("value", value)));
        return set;
    }

    private String nextId(String prefix) {
        return String.format("%s-%017x", prefix, ++sequence);
    }
}
