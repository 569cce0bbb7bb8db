package io.github.ecrtoolkit.testing.aws.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * An IAM role as the stand-in holds it.
 *
 * @param name the role name
 * @param arn its ARN
 * @param assumeRolePolicy the trust policy document (JSON)
 * @param created when it was created, by the stand-in's clock
 * @param tags its tags
 * @param attachedPolicyArns the managed policies attached to it
 */
public record Role(String name, String arn, String assumeRolePolicy, Instant created, Map<String, String> tags,
        Set<String> attachedPolicyArns) {

    public Role {
        tags = Map.copyOf(tags);
        attachedPolicyArns = Set.copyOf(attachedPolicyArns);
    }

    /** Whether the trust policy lets {@code servicePrincipal} (such as {@code ecs-tasks.amazonaws.com}) assume it. */
    public boolean trusts(String servicePrincipal) {
        return assumeRolePolicy.contains("\"" + servicePrincipal + "\"");
    }
}
