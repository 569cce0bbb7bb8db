package io.github.ecrtoolkit.ecs.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsTargetGroup;

/**
 * The target group a service is attached to: checked before anything is created (it exists, takes
 * {@code ip} targets, sits behind a load balancer), and read for the endpoints, which are then the
 * load balancer's DNS name with the port of each listener that forwards to it.
 */
final class LoadBalancerStep {

    private LoadBalancerStep() {
    }

    /** The {@code loadBalancers} entry of the service for this target group; its container is named as the service. */
    static LoadBalancer entry(String containerName, EcsTargetGroup group) {
        return LoadBalancer.builder().targetGroupArn(group.arn()).containerName(containerName).containerPort(group.containerPort())
                .build();
    }

    /**
     * @throws EcsException with {@code NOT_FOUND} when the target group does not exist, with
     *         {@code INVALID_INPUT} when ECS could not register Fargate tasks in it
     */
    static void check(RunContext context, EcsTargetGroup group) {
        TargetGroup found = describe(context, group.arn());
        if (!"ip".equals(found.targetTypeAsString())) {
            throw new EcsException(Reason.INVALID_INPUT, "Elastic Load Balancing", context.cluster(), context.service(), null,
                    "target group " + found.targetGroupName() + " has target type " + found.targetTypeAsString() + "; tasks with "
                    + "awsvpc networking register by IP address: create a target group with target type ip.", null);
        }
        if (found.loadBalancerArns().isEmpty()) {
            throw new EcsException(Reason.INVALID_INPUT, "Elastic Load Balancing", context.cluster(), context.service(), null,
                    "target group " + found.targetGroupName() + " is not attached to a load balancer; add a listener (or rule) "
                    + "that forwards to it, then run up again.", null);
        }
    }

    /** {@code http(s)://<DNS name>:<port>} per listener forwarding to the target group; the bare DNS name when none does. */
    static List<URI> endpoints(RunContext context, String targetGroupArn) {
        TargetGroup group = describe(context, targetGroupArn);
        List<URI> endpoints = new ArrayList<>();
        if (group.loadBalancerArns().isEmpty()) {
            return endpoints;
        }
        var balancers = context.elb().call("DescribeLoadBalancers", () -> context.clients().elb().describeLoadBalancers(r -> r
                .loadBalancerArns(group.loadBalancerArns()))).loadBalancers();
        for (var balancer : balancers) {
            List<Listener> listeners = context.elb().call("DescribeListeners", () -> context.clients().elb().describeListeners(r -> r
                    .loadBalancerArn(balancer.loadBalancerArn()))).listeners().stream()
                    .filter(l -> l.defaultActions().stream().anyMatch(a -> forwardsTo(a, targetGroupArn))).toList();
            if (listeners.isEmpty()) {
                // reached through a rule of a listener rather than its default action: the DNS name still says where
                endpoints.add(URI.create("http://" + balancer.dnsName()));
            }
            listeners.forEach(l -> endpoints.add(URI.create(scheme(l) + "://" + balancer.dnsName() + ":" + l.port())));
        }
        return endpoints;
    }

    /** The target group of an existing service, if it has one. */
    static Optional<String> of(software.amazon.awssdk.services.ecs.model.Service service) {
        return service.loadBalancers().stream().map(LoadBalancer::targetGroupArn).filter(arn -> arn != null).findFirst();
    }

    private static TargetGroup describe(RunContext context, String arn) {
        try {
            return context.elb().call("DescribeTargetGroups", () -> context.clients().elb().describeTargetGroups(r -> r
                    .targetGroupArns(arn))).targetGroups().get(0);
        } catch (EcsException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            throw new EcsException(Reason.NOT_FOUND, "Elastic Load Balancing", context.cluster(), context.service(),
                    e.awsErrorCode().orElse(null), "target group " + arn + " was not found in " + context.clients().region()
                    + ": check the ARN and the region, or create it (target type ip, in the service's VPC).", e);
        }
    }

    private static boolean forwardsTo(Action action, String targetGroupArn) {
        if (targetGroupArn.equals(action.targetGroupArn())) {
            return true;
        }
        return action.forwardConfig() != null
                && action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).anyMatch(targetGroupArn::equals);
    }

    private static String scheme(Listener listener) {
        String protocol = listener.protocolAsString() == null ? "" : listener.protocolAsString().toLowerCase(Locale.ROOT);
        return protocol.equals("https") || protocol.equals("tls") ? "https" : "http";
    }
}
