package io.github.ecrtoolkit.testing.aws.elb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.ecrtoolkit.testing.aws.AwsFaultException;
import io.github.ecrtoolkit.testing.aws.AwsRequest;
import io.github.ecrtoolkit.testing.aws.AwsResponse;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.Protocol;
import io.github.ecrtoolkit.testing.aws.QueryParameters;
import io.github.ecrtoolkit.testing.aws.ServiceStandIn;
import io.github.ecrtoolkit.testing.aws.Xml;

/**
 * Elastic Load Balancing (v2), read side: load balancers, target groups and listeners a test puts
 * in place, described as the service does — with {@code TargetGroupNotFound},
 * {@code LoadBalancerNotFound} and {@code ListenerNotFound} for ARNs it does not hold. A target
 * group is attached to the load balancers of the listeners that forward to it.
 *
 * <pre>{@code
 * LoadBalancer alb = aws.elb().givenLoadBalancer("orders");
 * TargetGroup group = aws.elb().givenTargetGroup("orders", 8080, "ip");
 * aws.elb().givenListener(alb, "HTTP", 80, group);
 * }</pre>
 */
public final class ElbStandIn implements ServiceStandIn {

    public static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private final AwsStandIn aws;
    private final Map<String, LoadBalancer> balancers = new LinkedHashMap<>();
    private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private long nextId = 0x1a2b3c4d5e6f0000L;

    public ElbStandIn(AwsStandIn aws) {
        this.aws = aws;
    }

    @Override
    public String signingName() {
        return "elasticloadbalancing";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    // ---- state, for tests and for other services

    /** An application load balancer as if created before the test. */
    public synchronized LoadBalancer givenLoadBalancer(String name) {
        String id = nextId();
        LoadBalancer balancer = new LoadBalancer(aws.account().regionalArn("elasticloadbalancing", "loadbalancer/app/" + name + "/" + id),
                name, name + "-" + Long.parseLong(id.substring(8), 16) + "." + aws.account().region() + ".elb.amazonaws.com");
        balancers.put(balancer.arn(), balancer);
        return balancer;
    }

    /** A target group as if created before the test; attached to no load balancer until a listener forwards to it. */
    public synchronized TargetGroup givenTargetGroup(String name, int port, String targetType) {
        TargetGroup group = new TargetGroup(aws.account().regionalArn("elasticloadbalancing", "targetgroup/" + name + "/" + nextId()),
                name, port, targetType);
        groups.put(group.arn(), group);
        return group;
    }

    /** A listener on {@code balancer} whose default action forwards to {@code group}. */
    public synchronized Listener givenListener(LoadBalancer balancer, String protocol, int port, TargetGroup group) {
        String lb = balancer.arn().substring(balancer.arn().indexOf("loadbalancer/") + "loadbalancer/".length());
        Listener listener = new Listener(aws.account().regionalArn("elasticloadbalancing", "listener/" + lb + "/" + nextId()),
                balancer.arn(), protocol, port, group.arn());
        listeners.put(listener.arn(), listener);
        return listener;
    }

    public synchronized Optional<TargetGroup> targetGroup(String arn) {
        return Optional.ofNullable(groups.get(arn));
    }

    /** The load balancers a target group is attached to: those with a listener forwarding to it. */
    public synchronized List<String> loadBalancersOf(String targetGroupArn) {
        return listeners.values().stream().filter(l -> l.targetGroupArn().equals(targetGroupArn)).map(Listener::loadBalancerArn)
                .distinct().toList();
    }

    // ---- the API

    @Override
    public synchronized AwsResponse handle(String operation, AwsRequest request) {
        QueryParameters form = request.form();
        return switch (operation) {
            case "DescribeTargetGroups" -> describeTargetGroups(form);
            case "DescribeLoadBalancers" -> describeLoadBalancers(form);
            case "DescribeListeners" -> describeListeners(form);
            default -> throw new AwsFaultException(501, "NotFakedByStandIn", "the ELB stand-in does not fake " + operation);
        };
    }

    private AwsResponse describeTargetGroups(QueryParameters form) {
        List<TargetGroup> found = new ArrayList<>();
        List<String> arns = form.list("TargetGroupArns.member");
        List<String> names = form.list("Names.member");
        Optional<String> balancer = form.get("LoadBalancerArn");
        if (!arns.isEmpty()) {
            arns.forEach(arn -> found.add(Optional.ofNullable(groups.get(arn)).orElseThrow(() -> notFound("TargetGroupNotFound",
                    "One or more target groups not found"))));
        } else if (!names.isEmpty()) {
            names.forEach(name -> found.add(groups.values().stream().filter(g -> g.name().equals(name)).findFirst()
                    .orElseThrow(() -> notFound("TargetGroupNotFound", "One or more target groups not found"))));
        } else if (balancer.isPresent()) {
            balancer(balancer.get());
            groups.values().stream().filter(g -> loadBalancersOf(g.arn()).contains(balancer.get())).forEach(found::add);
        } else {
            found.addAll(groups.values());
        }
        List<Xml> members = found.stream().map(g -> Xml.element("member").text("TargetGroupArn", g.arn())
                .text("TargetGroupName", g.name()).text("Protocol", "HTTP").text("Port", g.port()).text("TargetType", g.targetType())
                .list("LoadBalancerArns", loadBalancersOf(g.arn()).stream().map(arn -> Xml.element("member", arn)).toList())).toList();
        return AwsResponse.queryResult("DescribeTargetGroups", NAMESPACE,
                Xml.element("DescribeTargetGroupsResult").list("TargetGroups", members));
    }

    private AwsResponse describeLoadBalancers(QueryParameters form) {
        List<String> arns = form.list("LoadBalancerArns.member");
        List<LoadBalancer> found = arns.isEmpty() ? List.copyOf(balancers.values()) : arns.stream().map(this::balancer).toList();
        List<Xml> members = found.stream().map(b -> Xml.element("member").text("LoadBalancerArn", b.arn())
                .text("DNSName", b.dnsName()).text("LoadBalancerName", b.name()).text("Scheme", "internet-facing")
                .text("Type", "application").add(Xml.element("State").text("Code", "active"))).toList();
        return AwsResponse.queryResult("DescribeLoadBalancers", NAMESPACE,
                Xml.element("DescribeLoadBalancersResult").list("LoadBalancers", members));
    }

    private AwsResponse describeListeners(QueryParameters form) {
        List<String> arns = form.list("ListenerArns.member");
        List<Listener> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            arns.forEach(arn -> found.add(Optional.ofNullable(listeners.get(arn)).orElseThrow(() -> notFound("ListenerNotFound",
                    "One or more listeners not found"))));
        } else {
            String balancer = balancer(form.required("LoadBalancerArn")).arn();
            listeners.values().stream().filter(l -> l.loadBalancerArn().equals(balancer)).forEach(found::add);
        }
        List<Xml> members = found.stream().map(l -> Xml.element("member").text("ListenerArn", l.arn())
                .text("LoadBalancerArn", l.loadBalancerArn()).text("Port", l.port()).text("Protocol", l.protocol())
                .list("DefaultActions", List.of(Xml.element("member").text("Type", "forward").text("TargetGroupArn", l.targetGroupArn()))))
                .toList();
        return AwsResponse.queryResult("DescribeListeners", NAMESPACE,
                Xml.element("DescribeListenersResult").list("Listeners", members));
    }

    private LoadBalancer balancer(String arn) {
        return Optional.ofNullable(balancers.get(arn)).orElseThrow(() -> notFound("LoadBalancerNotFound",
                "One or more load balancers not found"));
    }

    private static AwsFaultException notFound(String code, String message) {
        return new AwsFaultException(400, code, message);
    }

    private String nextId() {
        return String.format("%016x", nextId++);
    }
}
