package io.github.ecrtoolkit.ecs.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

import io.github.ecrtoolkit.ecs.EcsNoDefaultVpcException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * Where tasks run: the caller's subnets and security groups, or the default VPC's default subnets
 * and a security group created for the service, which opens the declared ports to everyone only
 * when public ingress is asked (and is brought back in line on later runs: it is ours).
 */
final class NetworkStep {

    private static final String ANYWHERE = "0.0.0.0/0";

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final List<String> subnets = new ArrayList<>();
    private final List<String> securityGroups = new ArrayList<>();
    private Change change;
    private String vpcId;
    private Set<Integer> toOpen = Set.of();
    private Set<Integer> toClose = Set.of();

    NetworkStep(RunContext context, EcsServiceSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    /** The security group name {@code up} gives a service in the default VPC. */
    static String groupName(String cluster, String service) {
        return "ecr-toolkit-" + cluster + "-" + service;
    }

    Change inspect() {
        if (!spec.subnets().isEmpty()) {
            subnets.addAll(spec.subnets());
            securityGroups.addAll(spec.securityGroups());
            change = new Change(Resource.SECURITY_GROUP, String.join(",", securityGroups), Action.KEEP, "yours");
            return change;
        }
        vpcId = defaultVpc(context, spec).vpcId();
        context.ec2().call("DescribeSubnets", () -> context.clients().ec2().describeSubnets(r -> r
                .filters(filter("vpc-id", vpcId), filter("default-for-az", "true")))).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZone)).map(Subnet::subnetId).forEach(subnets::add);
        if (subnets.isEmpty()) {
            throw noDefaultVpc("the default VPC " + vpcId + " has no default subnets");
        }
        String name = groupName(spec.cluster(), spec.name());
        Set<Integer> wanted = spec.publicIngress() ? new TreeSet<>(spec.ports()) : Set.of();
        Optional<SecurityGroup> existing = context.ec2().call("DescribeSecurityGroups", () -> context.clients().ec2()
                .describeSecurityGroups(r -> r.filters(filter("group-name", name), filter("vpc-id", vpcId))))
                .securityGroups().stream().findFirst();
        if (existing.isEmpty()) {
            toOpen = wanted;
            change = new Change(Resource.SECURITY_GROUP, name, Action.CREATE, wanted.isEmpty() ? "no inbound rules"
                    : "tcp " + join(wanted) + " open to anyone");
            return change;
        }
        securityGroups.add(existing.get().groupId());
        Set<Integer> open = openToAnyone(existing.get());
        boolean ours = Ownership.createdFor(existing.get().tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)),
                spec.cluster(), spec.name());
        toOpen = new TreeSet<>(wanted);
        toOpen.removeAll(open);
        toClose = new TreeSet<>(open);
        toClose.removeAll(wanted);
        if (!ours || toOpen.isEmpty() && toClose.isEmpty()) {
            toOpen = Set.of();
            toClose = Set.of();
            change = new Change(Resource.SECURITY_GROUP, name, Action.KEEP, existing.get().groupId());
        } else {
            change = new Change(Resource.SECURITY_GROUP, name, Action.UPDATE, existing.get().groupId()
                    + (toOpen.isEmpty() ? "" : ", open tcp " + join(toOpen)) + (toClose.isEmpty() ? "" : ", close tcp " + join(toClose)));
        }
        return change;
    }

    void apply() {
        if (change.action() == Action.CREATE) {
            String name = change.name();
            var tags = Ownership.tags(spec.cluster(), spec.name()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            String id = context.ec2().call("CreateSecurityGroup", () -> context.clients().ec2().createSecurityGroup(r -> r
                    .groupName(name).vpcId(vpcId).description("ECS service " + spec.cluster() + "/" + spec.name() + ", created by ecr-toolkit")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(tags).build())))
                    .groupId();
            securityGroups.add(id);
            change = new Change(change.resource(), name, Action.CREATE, id + ", " + change.detail());
        }
        if (!toOpen.isEmpty()) {
            context.ec2().call("AuthorizeSecurityGroupIngress", () -> context.clients().ec2().authorizeSecurityGroupIngress(r -> r
                    .groupId(securityGroups.get(0)).ipPermissions(permissions(toOpen))));
        }
        if (!toClose.isEmpty()) {
            context.ec2().call("RevokeSecurityGroupIngress", () -> context.clients().ec2().revokeSecurityGroupIngress(r -> r
                    .groupId(securityGroups.get(0)).ipPermissions(permissions(toClose))));
        }
        if (change.action() != Action.KEEP) {
            context.applied(change);
        }
    }

    List<String> subnets() {
        return List.copyOf(subnets);
    }

    /** The security groups; for a group still to be created, empty until {@link #apply()}. */
    List<String> securityGroups() {
        return List.copyOf(securityGroups);
    }

    private List<IpPermission> permissions(Set<Integer> ports) {
        return ports.stream().map(port -> IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp(ANYWHERE).build()).build()).toList();
    }

    private static Set<Integer> openToAnyone(SecurityGroup group) {
        Set<Integer> open = new TreeSet<>();
        for (IpPermission permission : group.ipPermissions()) {
            boolean anyone = permission.ipRanges().stream().anyMatch(range -> ANYWHERE.equals(range.cidrIp()));
            if (anyone && "tcp".equals(permission.ipProtocol()) && permission.fromPort() != null
                    && permission.fromPort().equals(permission.toPort())) {
                open.add(permission.fromPort());
            }
        }
        return open;
    }

    /**
     * The default VPC, where tasks run when the spec names no subnets.
     *
     * @throws EcsNoDefaultVpcException when the account has none, saying what to pass instead
     */
    static Vpc defaultVpc(RunContext context, EcsServiceSpec spec) {
        return context.ec2().call("DescribeVpcs", () -> context.clients().ec2().describeVpcs(r -> r
                .filters(filter("isDefault", "true")))).vpcs().stream().findFirst()
                .orElseThrow(() -> noDefaultVpc(spec, "the account has no default VPC in region " + context.clients().region()));
    }

    private EcsNoDefaultVpcException noDefaultVpc(String what) {
        return noDefaultVpc(spec, what);
    }

    private static EcsNoDefaultVpcException noDefaultVpc(EcsServiceSpec spec, String what) {
        return new EcsNoDefaultVpcException(spec.cluster(), spec.name(), what + ", and the spec names no subnets: "
                + "pass subnets(List.of(\"subnet-...\")) and securityGroups(List.of(\"sg-...\")) on the EcsServiceSpec "
                + "(subnets with a route to an internet gateway, or a NAT gateway, so that tasks can pull the image), "
                + "or create a default VPC with 'aws ec2 create-default-vpc'. Nothing was created.");
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static String join(Set<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }
}
