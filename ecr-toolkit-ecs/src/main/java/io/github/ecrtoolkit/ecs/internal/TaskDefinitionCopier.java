package io.github.ecrtoolkit.ecs.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Turns a described task definition into a register request by the SDK's own field list: every
 * member the request shares with the description is copied, whatever its name, so fields this
 * code never heard of carry over, and read-only ones ({@code taskDefinitionArn}, {@code revision},
 * {@code status}, {@code registeredAt}, ...) fall away because the request has no such member.
 */
public final class TaskDefinitionCopier {

    private TaskDefinitionCopier() {
    }

    /** The register request for an identical revision, with the tags ECS returned for {@code include=TAGS}. */
    public static RegisterTaskDefinitionRequest.Builder toRegisterRequest(TaskDefinition described, List<Tag> tags) {
        RegisterTaskDefinitionRequest.Builder request = RegisterTaskDefinitionRequest.builder();
        Map<String, SdkField<?>> source = described.sdkFieldNameToField();
        for (SdkField<?> target : request.sdkFields()) {
            SdkField<?> from = source.get(target.memberName());
            if (from != null && from.marshallingType().equals(target.marshallingType())) {
                Object value = from.getValueOrDefault(described);
                if (value != null) {
                    target.set(request, value);
                }
            }
        }
        if (tags != null && !tags.isEmpty()) {
            request.tags(tags);
        }
        return request;
    }
}
