package io.github.ecrtoolkit.ecs.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.ecs.EcsException;

/**
 * How to reach a service: {@code http://<address>:<port>} for each running task and container
 * port, the task's public IP when it has one (from its network interface), else its private IP.
 */
final class Endpoints {

    private static final int DESCRIBE_BATCH = 100;

    private Endpoints() {
    }

    /** The service's tasks that run now. */
    static List<Task> running(RunContext context) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTasksResponse page = context.ecs().call("ListTasks", () -> context.clients().ecs().listTasks(r -> r
                    .cluster(context.cluster()).serviceName(context.service()).desiredStatus(DesiredStatus.RUNNING).nextToken(next)));
            arns.addAll(page.taskArns());
            token = page.nextToken();
        } while (token != null);
        List<Task> tasks = new ArrayList<>();
        Tasks reader = new Tasks(context.clients().ecs(), context.ecs(), context.cluster());
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            tasks.addAll(reader.describe(arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH))));
        }
        return tasks;
    }

    /**
     * How to reach a service as it runs now: an Express Mode service's HTTPS URL (it carries the tag
     * {@code up} gives those; {@code service} described with its tags), else its running tasks'
     * addresses with the task definition's ports.
     */
    static List<URI> ofService(RunContext context, software.amazon.awssdk.services.ecs.model.Service service, List<Task> running) {
        if (ExpressStep.isExpress(service)) {
            return ExpressStep.endpointOf(context.ecs().call("DescribeExpressGatewayService", () -> context.clients().ecs()
                    .describeExpressGatewayService(r -> r.serviceArn(service.serviceArn()))).service()).stream().toList();
        }
        return of(context, running, ports(context, service.taskDefinition()));
    }

    static List<Integer> ports(RunContext context, String taskDefinition) {
        return context.ecs().call("DescribeTaskDefinition", () -> context.clients().ecs().describeTaskDefinition(r -> r
                .taskDefinition(taskDefinition))).taskDefinition().containerDefinitions().stream()
                .flatMap(c -> c.portMappings().stream()).map(PortMapping::containerPort).distinct().toList();
    }

    static List<URI> of(RunContext context, List<Task> tasks, List<Integer> ports) {
        if (ports.isEmpty()) {
            return List.of();
        }
        Map<String, String> privateByEni = new HashMap<>();
        for (Task task : tasks) {
            if (!"RUNNING".equals(task.lastStatus())) {
                continue;
            }
            for (Attachment attachment : task.attachments()) {
                if ("ElasticNetworkInterface".equals(attachment.type())) {
                    String eni = detail(attachment, "networkInterfaceId");
                    if (eni != null) {
                        privateByEni.put(eni, detail(attachment, "privateIPv4Address"));
                    }
                }
            }
        }
        if (privateByEni.isEmpty()) {
            return List.of();
        }
        Map<String, String> addressByEni = new HashMap<>(privateByEni);
        try {
            context.ec2().call("DescribeNetworkInterfaces", () -> context.clients().ec2().describeNetworkInterfaces(r -> r
                    .networkInterfaceIds(privateByEni.keySet()))).networkInterfaces().forEach(eni -> {
                        if (eni.association() != null && eni.association().publicIp() != null) {
                            addressByEni.put(eni.networkInterfaceId(), eni.association().publicIp());
                        }
                    });
        } catch (EcsException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            // a task stopped in between and its interface is gone: the private addresses still say where the others are
        }
        List<URI> endpoints = new ArrayList<>();
        addressByEni.values().stream().filter(a -> a != null && !a.isEmpty()).sorted().forEach(address -> ports
                .forEach(port -> endpoints.add(URI.create("http://" + address + ":" + port))));
        return endpoints;
    }

    private static String detail(Attachment attachment, String name) {
        return attachment.details().stream().filter(d -> name.equals(d.name())).map(KeyValuePair::value).findFirst().orElse(null);
    }
}
