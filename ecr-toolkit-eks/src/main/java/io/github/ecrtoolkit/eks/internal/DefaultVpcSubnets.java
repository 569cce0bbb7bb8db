package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.eks.EksException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** The default VPC's default subnets (one per Availability Zone), through EC2. */
public final class DefaultVpcSubnets implements SubnetLookup {

    /** Zones where EKS places no control plane (UnsupportedAvailabilityZoneException), by zone id. */
    private static final java.util.Set<String> ZONES_WITHOUT_EKS = java.util.Set.of("use1-az3", "usw1-az2", "cac1-az3");

    private final Ec2Client ec2;

    public DefaultVpcSubnets(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public List<String> subnets(String cluster) {
        List<Vpc> vpcs = AwsCalls.call("EC2", "DescribeVpcs", cluster, "the default VPC",
                () -> ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs());
        if (vpcs.isEmpty()) {
            throw new EksException(Reason.NOT_FOUND, cluster, "EKS cluster '" + cluster + "' needs subnets and this "
                    + "region has no default VPC. Pass subnets in two or more Availability Zones: "
                    + "EksClusterSpec.builder(..).subnets(\"subnet-…\", \"subnet-…\").", null);
        }
        String vpcId = vpcs.get(0).vpcId();
        List<Subnet> subnets = AwsCalls.call("EC2", "DescribeSubnets", cluster, "the subnets of " + vpcId,
                () -> ec2.describeSubnetsPaginator(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("default-for-az").values("true").build())).subnets().stream().toList());
        Map<String, String> byZone = new LinkedHashMap<>();
        subnets.stream().filter(s -> s.availabilityZoneId() == null || !ZONES_WITHOUT_EKS.contains(s.availabilityZoneId()))
                .sorted(java.util.Comparator.comparing(Subnet::availabilityZone))
                .forEach(s -> byZone.putIfAbsent(s.availabilityZone(), s.subnetId()));
        if (byZone.size() < 2) {
            throw new EksException(Reason.INVALID_INPUT, cluster, "EKS needs subnets in at least two Availability Zones; "
                    + "the default VPC " + vpcId + " has default subnets in " + byZone.size() + " (" + byZone.keySet()
                    + "). Pass subnets in two or more zones: EksClusterSpec.builder(..).subnets(..).", null);
        }
        return new ArrayList<>(byZone.values());
    }
}
