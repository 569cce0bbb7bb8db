package io.github.ecrtoolkit.ecs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import io.github.ecrtoolkit.ecs.EcsCapacity;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * The parts of a task definition a spec decides, to compare what runs with what is asked. Only
 * these: ECS fills in defaults for the rest (host ports, empty lists), which must not count as a
 * change, or every {@code up} would register a revision.
 */
record TaskShape(String image, int cpu, int memory, String architecture, String compatibility, List<Integer> ports,
        Map<String, String> environment, String executionRole, String logGroup) {

    static TaskShape of(EcsServiceSpec spec, String image) {
        return new TaskShape(image, spec.cpu(), spec.memoryMiB(), spec.architecture().name(),
                spec.capacity() == EcsCapacity.EC2 ? "EC2" : "FARGATE", spec.ports(), new TreeMap<>(spec.environment()),
                spec.executionRoleName(), spec.logGroup());
    }

    /** The shape of the container named {@code container} (else the first) of a described task definition. */
    static TaskShape of(TaskDefinition definition, String container) {
        ContainerDefinition c = definition.containerDefinitions().stream().filter(d -> container.equals(d.name())).findFirst()
                .orElse(definition.containerDefinitions().isEmpty() ? ContainerDefinition.builder().build()
                        : definition.containerDefinitions().get(0));
        Map<String, String> environment = new TreeMap<>();
        for (KeyValuePair pair : c.environment()) {
            environment.put(pair.name(), pair.value());
        }
        String role = Objects.requireNonNullElse(definition.executionRoleArn(), "");
        String architecture = definition.runtimePlatform() == null || definition.runtimePlatform().cpuArchitecture() == null
                ? "X86_64" : definition.runtimePlatform().cpuArchitectureAsString();
        return new TaskShape(Objects.requireNonNullElse(c.image(), ""), parse(definition.cpu()), parse(definition.memory()),
                architecture, definition.requiresCompatibilitiesAsStrings().contains("FARGATE") ? "FARGATE" : "EC2",
                c.portMappings().stream().map(PortMapping::containerPort).toList(), environment,
                role.substring(role.lastIndexOf('/') + 1),
                c.logConfiguration() == null ? "" : c.logConfiguration().options().getOrDefault("awslogs-group", ""));
    }

    /** What differs, one item per field, such as {@code image a -> b}; environment values are not shown. */
    List<String> differences(TaskShape wanted) {
        List<String> out = new ArrayList<>();
        differ(out, "image", image, wanted.image);
        differ(out, "cpu", cpu, wanted.cpu);
        differ(out, "memory", memory, wanted.memory);
        differ(out, "architecture", architecture, wanted.architecture);
        differ(out, "capacity", compatibility, wanted.compatibility);
        differ(out, "ports", ports, wanted.ports);
        if (!environment.equals(wanted.environment)) {
            out.add("environment " + environment.keySet() + " -> " + wanted.environment.keySet()
                    + (environment.keySet().equals(wanted.environment.keySet()) ? " (values changed)" : ""));
        }
        differ(out, "execution role", executionRole, wanted.executionRole);
        differ(out, "log group", logGroup, wanted.logGroup);
        return out;
    }

    private static void differ(List<String> out, String what, Object now, Object wanted) {
        if (!now.equals(wanted)) {
            out.add(what + " " + now + " -> " + wanted);
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
