package io.github.ecrtoolkit.testing.aws;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;

/**
 * Checks that the permission table ({@link Permissions}) lists every IAM action the code under test
 * called: a call the policy of {@code capability} lacks would be refused for a user who attached
 * exactly that policy.
 *
 * <pre>{@code
 * // after the code under test ran against the stand-in
 * PermissionsAssert.coveredBy(Capability.ECS_UP, aws.calls());
 * }</pre>
 */
public final class PermissionsAssert {

    private PermissionsAssert() {
    }

    /**
     * Passes when each call's action is in {@code capability}'s policy (or allowed to everyone); an
     * optional row (such as the platform check's ECR reads) is in the policy, so it counts.
     *
     * @throws AssertionError naming each action the table lacks
     */
    public static void coveredBy(Capability capability, Collection<AwsCall> calls) {
        actionsCoveredBy(capability, calls.stream().map(AwsCall::action).toList());
    }

    /**
     * Passes when each IAM action (such as {@code ecs:UpdateService}) is in {@code capability}'s policy.
     *
     * @throws AssertionError naming each action the table lacks
     */
    public static void actionsCoveredBy(Capability capability, Collection<String> actions) {
        Objects.requireNonNull(capability, "capability");
        List<String> missing = actions.stream().distinct().filter(action -> !Permissions.covers(capability, action)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("the policy for " + capability.cliName() + " (Permissions, in ecr-toolkit-core) lacks "
                    + missing + ", which the code called; add a row for each to the table");
        }
        if (actions.isEmpty()) {
            throw new AssertionError("no calls recorded: the check would pass whatever the table says");
        }
    }
}
