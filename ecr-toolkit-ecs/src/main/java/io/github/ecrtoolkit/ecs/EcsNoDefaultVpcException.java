package io.github.ecrtoolkit.ecs;

/**
 * The account has no default VPC in the region, and the spec named no subnets: there is nowhere
 * to run the tasks. Nothing was created. Pass {@code subnets(..)} and {@code securityGroups(..)}
 * on the spec, or create a default VPC ({@code aws ec2 create-default-vpc}).
 */
public final class EcsNoDefaultVpcException extends EcsException {

    private static final long serialVersionUID = 1L;

    public EcsNoDefaultVpcException(String cluster, String service, String message) {
        super(Reason.NOT_FOUND, cluster, service, null, message, null);
    }
}
