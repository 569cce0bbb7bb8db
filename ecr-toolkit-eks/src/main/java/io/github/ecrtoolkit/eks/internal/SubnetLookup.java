package io.github.ecrtoolkit.eks.internal;

import java.util.List;

/**
 * Where a cluster's subnets come from when the user names none: the default VPC's default subnets,
 * one per Availability Zone. One method, so tests and other networks can stand in for EC2.
 */
@FunctionalInterface
public interface SubnetLookup {

    /**
     * The subnets to use, in at least two Availability Zones.
     *
     * @throws io.github.ecrtoolkit.eks.EksException when there is no default VPC or it spans fewer
     *         than two zones; the message says to pass subnets instead
     */
    List<String> subnets(String cluster);
}
