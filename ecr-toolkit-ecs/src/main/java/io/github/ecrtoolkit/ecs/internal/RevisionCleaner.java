package io.github.ecrtoolkit.ecs.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;

/**
 * Keeps the last K active revisions of a family and deregisters older ones, except any revision
 * a service of the cluster still runs in one of its deployments (and always the two the deploy
 * used). Deregistering never stops running tasks, but a service that still references a revision
 * could not scale with it: hence the check.
 */
public final class RevisionCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionCleaner.class);
    private static final int DESCRIBE_SERVICES_BATCH = 10;

    private final EcsClient client;
    private final EcsCalls calls;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;
    private final String cluster;

    public RevisionCleaner(EcsClient client, EcsCalls calls, Pacer pacer, EventLog<EcsDeployEvent> events, String cluster) {
        this.client = client;
        this.calls = calls;
        this.pacer = pacer;
        this.events = events;
        this.cluster = cluster;
    }

    /** Best effort: a failure is logged, never thrown, because the deploy itself is over. */
    public void keepLast(int keep, String family, Set<String> alwaysKeep) {
        try {
            Set<String> inUse = new HashSet<>(alwaysKeep);
            inUse.addAll(revisionsInUse());
            List<String> active = activeRevisionsNewestFirst(family);
            for (String arn : active.subList(Math.min(keep, active.size()), active.size())) {
                if (!inUse.contains(arn)) {
                    calls.call("DeregisterTaskDefinition", () -> client.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
                    events.emit(new EcsDeployEvent.RevisionDeregistered(pacer.now(), arn));
                }
            }
        } catch (EcsException e) {
            LOG.warn("clean-up of old revisions of {} stopped: {}", family, e.getMessage());
        }
    }

    /** The family of a task definition ARN {@code arn:aws:ecs:region:acct:task-definition/family:revision}. */
    public static String family(String taskDefinitionArn) {
        String tail = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        return colon < 0 ? tail : tail.substring(0, colon);
    }

    private Set<String> revisionsInUse() {
        List<String> services = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListServicesResponse page = calls.call("ListServices", () -> client.listServices(r -> r.cluster(cluster)
                    .nextToken(next)));
            services.addAll(page.serviceArns());
            token = page.nextToken();
        } while (token != null);
        Set<String> inUse = new HashSet<>();
        for (int from = 0; from < services.size(); from += DESCRIBE_SERVICES_BATCH) {
            List<String> batch = services.subList(from, Math.min(services.size(), from + DESCRIBE_SERVICES_BATCH));
            calls.call("DescribeServices", () -> client.describeServices(r -> r.cluster(cluster).services(batch)))
                    .services().forEach(s -> {
                        inUse.add(s.taskDefinition());
                        s.deployments().stream().map(Deployment::taskDefinition).forEach(inUse::add);
                    });
        }
        return inUse;
    }

    private List<String> activeRevisionsNewestFirst(String family) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTaskDefinitionsResponse page = calls.call("ListTaskDefinitions", () -> client.listTaskDefinitions(r -> r
                    .familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).nextToken(next)));
            // familyPrefix is a prefix: "orders" also lists "orders-worker"
            page.taskDefinitionArns().stream().filter(arn -> family(arn).equals(family)).forEach(arns::add);
            token = page.nextToken();
        } while (token != null);
        return arns;
    }
}
