package io.github.ecrtoolkit.ecs.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsServiceNotFoundException;
import io.github.ecrtoolkit.ecs.EcsUnsupportedControllerException;

/** Describes the one service a deploy is about, and turns new entries of its event log into events. */
public final class ServiceReader {

    private final EcsClient client;
    private final EcsCalls calls;
    private final String cluster;
    private final String service;
    private final Set<String> seenEvents = new HashSet<>();

    public ServiceReader(EcsClient client, EcsCalls calls, String cluster, String service) {
        this.client = client;
        this.calls = calls;
        this.cluster = cluster;
        this.service = service;
    }

    /** The service, or empty when ECS reports it missing or no longer active. */
    public Optional<Service> describe() {
        DescribeServicesResponse response = calls.call("DescribeServices",
                () -> client.describeServices(r -> r.cluster(cluster).services(service)));
        return response.services().stream().filter(s -> "ACTIVE".equals(s.status())).findFirst();
    }

    /** The service with its tags (for what {@code up} created), or empty when missing or no longer active. */
    public Optional<Service> describeWithTags() {
        DescribeServicesResponse response = calls.call("DescribeServices", () -> client.describeServices(r -> r.cluster(cluster)
                .services(service).include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS)));
        return response.services().stream().filter(s -> "ACTIVE".equals(s.status())).findFirst();
    }

    /**
     * The service before a deploy starts; remembers its event log so that only newer entries are reported.
     *
     * @throws EcsServiceNotFoundException when it does not exist or is being deleted
     * @throws EcsUnsupportedControllerException when CodeDeploy or an external controller runs its deployments
     */
    public Service describeForDeploy() {
        Service found = describe().orElseThrow(() -> new EcsServiceNotFoundException(cluster, service, "service "
                + service + " was not found in cluster " + cluster + " (or it is not ACTIVE). Check the names and "
                + "the region; nothing was registered or updated."));
        String controller = found.deploymentController() == null ? "ECS" : found.deploymentController().typeAsString();
        if (!"ECS".equals(controller)) {
            throw new EcsUnsupportedControllerException(cluster, service, controller, "service " + service
                    + " in cluster " + cluster + " uses the " + controller + " deployment controller; this deployer "
                    + "drives only ECS rolling updates. Deploy it with " + ("CODE_DEPLOY".equals(controller)
                            ? "CodeDeploy (create a deployment with a new AppSpec)" : "its external controller")
                    + ". Nothing was registered or updated.");
        }
        found.events().forEach(e -> seenEvents.add(e.id()));
        return found;
    }

    /** Entries of the service's event log not reported before, oldest first. */
    public List<EcsDeployEvent.ServiceEventObserved> newEvents(Service described, Instant observed) {
        return described.events().stream()
                .filter(e -> e.id() != null && seenEvents.add(e.id()))
                .sorted(Comparator.comparing(ServiceEvent::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(e -> new EcsDeployEvent.ServiceEventObserved(e.createdAt() != null ? e.createdAt() : observed, e.id(), e.message() == null ? "" : e.message()))
                .toList();
    }
}
