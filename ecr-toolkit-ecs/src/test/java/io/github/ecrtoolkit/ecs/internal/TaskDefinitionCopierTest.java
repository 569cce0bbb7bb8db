package io.github.ecrtoolkit.ecs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class TaskDefinitionCopierTest {

    @Test
    void everyRequestMemberTheDescriptionHas_isCopied_readOnlyOnesAreNot() {
        TaskDefinition described = TaskDefinition.builder()
                .taskDefinitionArn("arn:aws:ecs:eu-west-1:1:task-definition/orders:3").revision(3).status("ACTIVE")
                .family("orders").cpu("256").memory("512").enableFaultInjection(true)
                .ephemeralStorage(s -> s.sizeInGiB(40)).runtimePlatform(p -> p.cpuArchitecture("ARM64"))
                .compatibilities(Compatibility.FARGATE).registeredAt(Instant.EPOCH).registeredBy("ci")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("orders:1").build())
                .build();

        RegisterTaskDefinitionRequest request = TaskDefinitionCopier
                .toRegisterRequest(described, List.of(Tag.builder().key("team").value("payments").build())).build();

        // compare member by member with the SDK's own field list: no field is named here
        request.sdkFields().stream().filter(f -> !f.memberName().equals("tags")).forEach(field -> {
            Object copied = field.getValueOrDefault(request);
            Object original = described.sdkFieldNameToField().get(field.memberName()).getValueOrDefault(described);
            assertThat(copied).as(field.memberName()).isEqualTo(original);
        });
        assertThat(request.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(request.toString()).doesNotContain("taskDefinitionArn", "registeredBy");
    }

    @Test
    void everyRegisterMemberExceptTags_existsOnTheDescription() {
        // if a future SDK adds a request member the description lacks, this test names it
        TaskDefinition empty = TaskDefinition.builder().build();
        List<String> missing = RegisterTaskDefinitionRequest.builder().sdkFields().stream()
                .map(f -> f.memberName()).filter(name -> !empty.sdkFieldNameToField().containsKey(name)).toList();

        assertThat(missing).containsExactly("tags");
    }
}
