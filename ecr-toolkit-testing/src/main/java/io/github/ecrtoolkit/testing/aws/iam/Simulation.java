package io.github.ecrtoolkit.testing.aws.iam;

import java.util.List;
import java.util.Map;

/**
 * One {@code SimulatePrincipalPolicy} request the IAM stand-in answered: whose policies, for which
 * actions and resources, with which context values.
 *
 * @param principalArn the {@code PolicySourceArn}: a user, group or role
 * @param actions the {@code ActionNames}
 * @param resources the {@code ResourceArns}; empty means {@code *}
 * @param context the {@code ContextEntries}, key to values
 */
public record Simulation(String principalArn, List<String> actions, List<String> resources, Map<String, List<String>> context) {

    public Simulation {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        context = Map.copyOf(context);
    }
}
