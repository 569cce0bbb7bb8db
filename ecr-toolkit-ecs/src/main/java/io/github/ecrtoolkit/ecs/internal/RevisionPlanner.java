package io.github.ecrtoolkit.ecs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import io.github.ecrtoolkit.ecs.EcsUnknownContainerException;

/**
 * Plans the new revision: validates the container names, then swaps the image and applies the
 * environment and secret changes on copies of the SDK's own container objects. Registers nothing.
 */
public final class RevisionPlanner {

    private final String cluster;
    private final String service;

    public RevisionPlanner(String cluster, String service) {
        this.cluster = cluster;
        this.service = service;
    }

    /**
     * The names of the containers to change: the requested ones, or the only container.
     *
     * @throws EcsUnknownContainerException when a name is not in the task definition, or none was
     *         given and there are several; the message lists the real names
     */
    public List<String> chooseContainers(TaskDefinition definition, List<String> requested) {
        List<String> real = definition.containerDefinitions().stream().map(ContainerDefinition::name).toList();
        String arn = definition.taskDefinitionArn();
        if (requested.isEmpty()) {
            if (real.size() != 1) {
                throw new EcsUnknownContainerException(cluster, service, arn, real, "task definition " + arn
                        + " has " + real.size() + " containers " + real + ": name the one(s) to update with "
                        + "container(..). Nothing was registered or updated.");
            }
            return real;
        }
        List<String> unknown = requested.stream().filter(name -> !real.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new EcsUnknownContainerException(cluster, service, arn, real, "task definition " + arn
                    + " has no container named " + unknown + "; its containers are " + real
                    + ". Nothing was registered or updated.");
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    /**
     * The request registering the changed revision, or empty when nothing would change (then the
     * caller forces a new deployment of the current revision instead).
     */
    public Optional<RegisterTaskDefinitionRequest> plan(TaskDefinition definition, List<Tag> tags,
            List<String> containers, String image, Map<String, String> environment, Map<String, String> secrets) {
        List<ContainerDefinition> changed = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            changed.add(containers.contains(container.name())
                    ? change(container, image, environment, secrets) : container);
        }
        if (changed.equals(definition.containerDefinitions())) {
            return Optional.empty();
        }
        return Optional.of(TaskDefinitionCopier.toRegisterRequest(definition, tags)
                .containerDefinitions(changed).build());
    }

    private static ContainerDefinition change(ContainerDefinition container, String image,
            Map<String, String> environment, Map<String, String> secrets) {
        ContainerDefinition.Builder builder = container.toBuilder().image(image);
        // touch a list only when it changes, so an absent list stays absent in the request
        if (!environment.isEmpty() || container.environment().stream().anyMatch(e -> secrets.containsKey(e.name()))) {
            builder.environment(mergeEnvironment(container.environment(), environment, secrets.keySet()));
        }
        if (!secrets.isEmpty() || container.secrets().stream().anyMatch(s -> environment.containsKey(s.name()))) {
            builder.secrets(mergeSecrets(container.secrets(), secrets, environment.keySet()));
        }
        return builder.build();
    }

    /** Replaces values in place, appends new names, and drops names that become secrets (ECS refuses both). */
    private static List<KeyValuePair> mergeEnvironment(List<KeyValuePair> current, Map<String, String> changes,
            Set<String> becomeSecrets) {
        Map<String, String> merged = new LinkedHashMap<>();
        current.forEach(pair -> merged.put(pair.name(), pair.value()));
        putSorted(merged, changes);
        becomeSecrets.forEach(merged::remove);
        return merged.entrySet().stream()
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static List<Secret> mergeSecrets(List<Secret> current, Map<String, String> changes,
            Set<String> becomePlain) {
        Map<String, String> merged = new LinkedHashMap<>();
        current.forEach(secret -> merged.put(secret.name(), secret.valueFrom()));
        putSorted(merged, changes);
        becomePlain.forEach(merged::remove);
        return merged.entrySet().stream()
                .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList();
    }

    /** Existing names keep their place; new ones follow in name order, so the same input gives the same revision. */
    private static void putSorted(Map<String, String> merged, Map<String, String> changes) {
        new TreeMap<>(changes).forEach(merged::put);
    }
}
