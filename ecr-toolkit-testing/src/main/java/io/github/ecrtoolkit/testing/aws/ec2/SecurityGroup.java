package io.github.ecrtoolkit.testing.aws.ec2;

import java.util.List;
import java.util.Map;

/**
 * A security group as the EC2 stand-in holds it.
 *
 * @param id its id, such as {@code sg-0a1b…}
 * @param name its name, unique in its VPC
 * @param description its description
 * @param vpcId the VPC it belongs to
 * @param ingress the inbound rules
 * @param tags its tags
 */
public record SecurityGroup(String id, String name, String description, String vpcId, List<Rule> ingress,
        Map<String, String> tags) {

    public SecurityGroup {
        ingress = List.copyOf(ingress);
        tags = Map.copyOf(tags);
    }

    /**
     * One inbound rule: a protocol and port range open to an IPv4 range.
     *
     * @param protocol {@code tcp}, {@code udp} or {@code -1}
     * @param fromPort first port
     * @param toPort last port
     * @param cidr the source range, such as {@code 0.0.0.0/0}
     */
    public record Rule(String protocol, int fromPort, int toPort, String cidr) {
    }

    /** Whether {@code port} is open over TCP to everyone. */
    public boolean opensToTheWorld(int port) {
        return ingress.stream().anyMatch(rule -> ("tcp".equals(rule.protocol()) || "-1".equals(rule.protocol()))
                && rule.fromPort() <= port && port <= rule.toPort() && "0.0.0.0/0".equals(rule.cidr()));
    }

    SecurityGroup withIngress(List<Rule> rules) {
        return new SecurityGroup(id, name, description, vpcId, rules, tags);
    }
}
