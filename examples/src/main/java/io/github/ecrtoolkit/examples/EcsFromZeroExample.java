package io.github.ecrtoolkit.examples;

import java.net.URI;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.CpuArchitecture;
import io.github.ecrtoolkit.ecs.EcsDownOptions;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.EcsScaleResult;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;
import io.github.ecrtoolkit.ecs.EcsServiceStatus;
import io.github.ecrtoolkit.ecs.EcsServices;
import io.github.ecrtoolkit.ecs.EcsUpResult;

/**
 * The README's "From zero to a running service on ECS" snippet, compiled: plan, up, scale, status,
 * down. Usage: {@code EcsFromZeroExample <image>} (credentials and region from the AWS default chains).
 */
public final class EcsFromZeroExample {

    private EcsFromZeroExample() {
    }

    public static void main(String[] args) {
        EcsServiceSpec orders = EcsServiceSpec.fargate("orders")
                .cluster("prod")                                            // created when missing
                .cpu(256).memoryMiB(512).architecture(CpuArchitecture.ARM64) // "we only choose the capacities"
                .port(8080).desiredCount(2).env("TZ", "UTC")
                .publicIngress(true)                                        // opens 8080 on a security group it creates
                .build();
        try (EcsServices ecs = EcsServices.builder().listener(event -> System.out.println(event.message())).build()) {
            fromZeroAndBack(ecs, orders, args[0]);
        }
    }

    /** Everything a newcomer does by hand with the raw SDK, in five calls. */
    static void fromZeroAndBack(EcsServices ecs, EcsServiceSpec orders, String image) {
        EcsPlan plan = ecs.plan(orders, image);                      // a dry run: what up would create or change
        plan.changes().forEach(change -> System.out.println(change.describe()));

        EcsUpResult up = ecs.up(orders, image);                      // creates or updates, then waits truthfully
        if (up.outcome() != DeployOutcome.SUCCEEDED) {
            throw new IllegalStateException(up.outcome() + ": " + up.reason().orElse("") + " " + up.stoppedTasks());
        }
        for (URI endpoint : up.endpoints()) {                        // http://203.0.113.7:8080, ...
            System.out.println("endpoint " + endpoint);
        }

        EcsScaleResult scaled = ecs.scale(up.service(), 4);         // manual scaling, waited for
        System.out.println(scaled.outcome() + ": " + scaled.runningCount() + " running");

        EcsServiceStatus status = ecs.status(up.service());          // deployments, running/desired, tasks, endpoints
        System.out.println(status.runningCount() + "/" + status.desiredCount() + " running " + status.taskDefinition());

        ecs.down(up.service(), EcsDownOptions.defaults().keepLogs(true))   // only what up created for it
                .changes().forEach(change -> System.out.println(change.describe()));
    }
}
