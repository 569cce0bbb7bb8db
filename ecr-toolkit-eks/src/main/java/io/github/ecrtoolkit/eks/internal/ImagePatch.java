package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The JSON Patch (RFC 6902) that sets the image (and environment) of named containers and records
 * {@code kubernetes.io/change-cause: ecr-toolkit: set image web=<image>}. Each container is addressed by index and guarded by a {@code test} of its name, so a
 * concurrent edit that reorders containers makes the patch fail instead of changing the wrong one.
 *
 * @param operations the patch, ready to serialise
 * @param images new image per container
 * @param previousImages image per container before the patch
 */
public record ImagePatch(List<Map<String, Object>> operations, Map<String, String> images,
        Map<String, String> previousImages) {

    /**
     * @throws IllegalArgumentException naming the available containers when a name is unknown, or
     *         when no name is given and the pod has several containers
     */
    public static ImagePatch of(HasMetadata workload, List<String> containerNames, String image,
            Map<String, String> environment) {
        List<Container> containers = Workloads.template(workload).getSpec().getContainers();
        List<String> available = containers.stream().map(Container::getName).toList();
        List<String> names = containerNames;
        if (names.isEmpty()) {
            if (containers.size() != 1) {
                throw new IllegalArgumentException("the pod has " + containers.size() + " containers " + available
                        + ": name the one(s) to update");
            }
            names = available;
        }
        List<Map<String, Object>> ops = new ArrayList<>();
        Map<String, String> images = new LinkedHashMap<>();
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : names) {
            int index = available.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("no container named '" + name + "'; the pod has " + available);
            }
            Container container = containers.get(index);
            String path = "/spec/template/spec/containers/" + index;
            ops.add(op("test", path + "/name", name));
            ops.add(op("replace", path + "/image", image));
            if (!environment.isEmpty()) {
                // "add" replaces an existing member and creates a missing one (an empty env is not serialised)
                ops.add(op("add", path + "/env",
                        mergedEnv(container.getEnv(), environment)));
            }
            images.put(name, image);
            previous.put(name, container.getImage());
        }
        String changeCause = "ecr-toolkit: set image " + String.join(",", images.keySet().stream()
                .map(name -> name + "=" + image).toList());
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        if (annotations == null) {
            ops.add(op("add", "/metadata/annotations", Map.of(Workloads.CHANGE_CAUSE, changeCause)));
        } else {
            ops.add(op("add", "/metadata/annotations/" + escape(Workloads.CHANGE_CAUSE), changeCause));
        }
        return new ImagePatch(List.copyOf(ops), java.util.Collections.unmodifiableMap(images),
                java.util.Collections.unmodifiableMap(previous));
    }

    /** Existing variables keep their order; a set one replaces its value (and any valueFrom). */
    private static List<EnvVar> mergedEnv(List<EnvVar> existing, Map<String, String> environment) {
        List<EnvVar> merged = new ArrayList<>();
        Map<String, String> toAdd = new LinkedHashMap<>(environment);
        if (existing != null) {
            for (EnvVar var : existing) {
                String value = toAdd.remove(var.getName());
                merged.add(value == null ? var : new EnvVar(var.getName(), value, null));
            }
        }
        toAdd.forEach((name, value) -> merged.add(new EnvVar(name, value, null)));
        return merged;
    }

    static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("op", op);
        map.put("path", path);
        map.put("value", value);
        return map;
    }

    /** JSON Pointer escaping: {@code ~} then {@code /}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        // environment values may be secrets: say which containers, not what
        return "ImagePatch" + images;
    }
}
