package io.github.ecrtoolkit.eks.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.ecrtoolkit.eks.EksException;

/**
 * What {@code up} made for an app, found again by our label and field manager, and removed; an
 * object of the same name that someone else made is never touched.
 */
public final class AppObjects {

    private final KubernetesClient client;
    private final String fieldManager;
    private final StatusPoller poller;

    public AppObjects(KubernetesClient client, String fieldManager, StatusPoller poller) {
        this.client = client;
        this.fieldManager = fieldManager;
        this.poller = poller;
    }

    /**
     * Ours: labelled {@code app.kubernetes.io/managed-by=ecr-toolkit}, and where the server records
     * field managers (a real API server does, fabric8's mock does not), ours is one of them.
     */
    public static boolean ours(HasMetadata object, String fieldManager) {
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null || !AppManifests.MANAGER.equals(labels.get(AppManifests.MANAGED_BY))) {
            return false;
        }
        List<ManagedFieldsEntry> managers = object.getMetadata().getManagedFields();
        return managers == null || managers.isEmpty() || managers.stream().anyMatch(m -> fieldManager.equals(m.getManager()));
    }

    /** Deletes the app's Deployment and Service when they are ours and waits until they are gone. */
    public List<String> delete(String namespace, String name, Instant deadline) {
        List<String> removed = new ArrayList<>();
        remove("deployment " + namespace + "/" + name, client.apps().deployments().inNamespace(namespace).withName(name),
                deadline, removed);
        remove("service " + namespace + "/" + name, client.services().inNamespace(namespace).withName(name), deadline,
                removed);
        return removed;
    }

    private void remove(String what, Resource<? extends HasMetadata> resource, Instant deadline, List<String> removed) {
        HasMetadata object = resource.get();
        if (object == null || !ours(object, fieldManager)) {
            return;
        }
        resource.delete();
        StatusPoller.Polled<HasMetadata> wait = poller.await(() -> Optional.ofNullable(resource.get()), o -> false,
                o -> what + " terminating", line -> { }, deadline);
        if (wait.end() != StatusPoller.End.GONE) {
            throw new EksException(null, what + " is still terminating (a finalizer holds it?); check it with kubectl "
                    + "describe and run down again");
        }
        removed.add(what);
    }
}
