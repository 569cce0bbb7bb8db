package io.github.ecrtoolkit.ecs.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The tags {@code up} puts on everything it creates, and how {@code down} recognises them: it
 * removes only resources that carry both, with this service's name.
 */
public final class Ownership {

    public static final String MANAGED_BY = "ecr-toolkit:managed-by";
    public static final String MANAGER = "ecr-toolkit";
    /** {@code <cluster>/<service>}: the service a resource was created for. */
    public static final String SERVICE = "ecr-toolkit:service";

    private Ownership() {
    }

    public static Map<String, String> tags(String cluster, String service) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, MANAGER);
        tags.put(SERVICE, cluster + "/" + service);
        return tags;
    }

    public static List<Tag> ecsTags(String cluster, String service) {
        return tags(cluster, service).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Created by {@code up} for this very service. */
    public static boolean createdFor(Map<String, String> tags, String cluster, String service) {
        return MANAGER.equals(tags.get(MANAGED_BY)) && (cluster + "/" + service).equals(tags.get(SERVICE));
    }

    /** Created by {@code up}, for any service (a shared cluster or role). */
    public static boolean created(Map<String, String> tags) {
        return MANAGER.equals(tags.get(MANAGED_BY));
    }

    public static Map<String, String> ofEcs(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }
}
