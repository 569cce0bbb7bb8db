package io.github.ecrtoolkit.testing.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;

/**
 * The permission table against the calls the deployer made in a test: every ECS test checks after
 * itself that the policy for deploying to an existing service ({@link Capability#DEPLOY_ECS}) lists
 * each ECS operation it called, so a call added without its row fails.
 */
public final class DeployPermissions {

    private DeployPermissions() {
    }

    public static void assertCovered(FakeEcs ecs) {
        assertThat(ecs.operations().stream().map(operation -> "ecs:" + operation).distinct())
                .as("ECS calls missing from the %s policy (Permissions, in core)", Capability.DEPLOY_ECS.cliName())
                .filteredOn(action -> !Permissions.covers(Capability.DEPLOY_ECS, action)).isEmpty();
    }
}
