package io.github.ecrtoolkit.ecs.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

import io.github.ecrtoolkit.ecs.EcsCapacity;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/**
 * The task definition: the revision the service runs (or, for a new service, the family's latest
 * one, left by an earlier {@code up} that stopped half-way) is kept when its shape matches the
 * spec and image; otherwise a new revision is registered.
 */
final class TaskDefinitionStep {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private final String image;
    private Change change;
    private String arn;

    TaskDefinitionStep(RunContext context, EcsServiceSpec spec, String image) {
        this.context = context;
        this.spec = spec;
        this.image = image;
    }

    /**
     * @param current the revision the service runs, or empty for a new service
     */
    Change inspect(Optional<String> current) {
        Optional<DescribeTaskDefinitionResponse> described = describe(current.orElse(spec.name()), current.isPresent());
        TaskShape wanted = TaskShape.of(spec, image);
        if (described.isPresent()) {
            List<String> differences = TaskShape.of(described.get().taskDefinition(), spec.name()).differences(wanted);
            boolean ours = current.isPresent()
                    || Ownership.createdFor(Ownership.ofEcs(described.get().tags()), spec.cluster(), spec.name());
            if (differences.isEmpty() && ours && "ACTIVE".equals(described.get().taskDefinition().statusAsString())) {
                arn = described.get().taskDefinition().taskDefinitionArn();
                change = new Change(Resource.TASK_DEFINITION, shortName(arn), Action.KEEP, "");
                return change;
            }
            if (current.isPresent()) {
                change = new Change(Resource.TASK_DEFINITION, spec.name(), Action.CREATE, "new revision: " + String.join(", ", differences));
                return change;
            }
        }
        change = new Change(Resource.TASK_DEFINITION, spec.name(), Action.CREATE, "image " + image + ", " + spec.cpu() + " cpu, "
                + spec.memoryMiB() + " MiB, " + spec.architecture() + (spec.ports().isEmpty() ? "" : ", ports " + spec.ports()));
        return change;
    }

    String apply(String executionRoleArn) {
        if (change.action() == Action.CREATE) {
            RegisterTaskDefinitionRequest request = request(executionRoleArn);
            arn = context.ecs().call("RegisterTaskDefinition", () -> context.clients().ecs().registerTaskDefinition(request))
                    .taskDefinition().taskDefinitionArn();
            change = new Change(Resource.TASK_DEFINITION, shortName(arn), Action.CREATE, change.detail());
            context.applied(change);
        }
        return arn;
    }

    private RegisterTaskDefinitionRequest request(String executionRoleArn) {
        Compatibility compatibility = spec.capacity() == EcsCapacity.EC2 ? Compatibility.EC2 : Compatibility.FARGATE;
        ContainerDefinition container = ContainerDefinition.builder().name(spec.name()).image(image).essential(true)
                .portMappings(spec.ports().stream().map(port -> PortMapping.builder().containerPort(port)
                        .protocol(TransportProtocol.TCP).build()).toList())
                .environment(new java.util.TreeMap<>(spec.environment()).entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", spec.logGroup(), "awslogs-region", context.clients().region(),
                        "awslogs-stream-prefix", spec.name())).build())
                .build();
        return RegisterTaskDefinitionRequest.builder().family(spec.name()).networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(compatibility).cpu(String.valueOf(spec.cpu())).memory(String.valueOf(spec.memoryMiB()))
                .runtimePlatform(p -> p.cpuArchitecture(spec.architecture().name()).operatingSystemFamily(OSFamily.LINUX))
                .executionRoleArn(executionRoleArn).containerDefinitions(container)
                .tags(Ownership.ecsTags(spec.cluster(), spec.name())).build();
    }

    private Optional<DescribeTaskDefinitionResponse> describe(String reference, boolean mustExist) {
        try {
            return Optional.of(context.ecs().call("DescribeTaskDefinition", () -> context.clients().ecs()
                    .describeTaskDefinition(r -> r.taskDefinition(reference).include(TaskDefinitionField.TAGS))));
        } catch (EcsException e) {
            // ECS answers ClientException for a family that has no revision
            if (!mustExist && e.awsErrorCode().filter("ClientException"::equals).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String shortName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
