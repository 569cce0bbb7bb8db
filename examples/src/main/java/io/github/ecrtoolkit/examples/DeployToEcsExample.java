package io.github.ecrtoolkit.examples;

import java.time.Duration;

import io.github.ecrtoolkit.core.deploy.DeployResult;
import io.github.ecrtoolkit.core.deploy.DeployTarget;
import io.github.ecrtoolkit.core.deploy.Deployer;
import io.github.ecrtoolkit.ecs.EcsDeployResult;
import io.github.ecrtoolkit.ecs.EcsDeployer;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsTaskResult;

/**
 * The README's "Deploy to ECS" snippets, compiled: run a migration with the new image, then roll
 * it out; and a roll-out written once for any platform. Usage:
 * {@code DeployToEcsExample <cluster> <service> <image>}.
 */
public final class DeployToEcsExample {

    private DeployToEcsExample() {
    }

    public static void main(String[] args) {
        EcsService service = EcsService.of(args[0], args[1]);
        String image = args[2];
        try (EcsDeployer deployer = EcsDeployer.create()) {
            EcsTaskResult migration = deployer.runTask(service, image,
                    task -> task.container("web").command("bin/migrate", "--yes").timeout(Duration.ofMinutes(5)));
            if (!migration.succeeded()) {
                throw new IllegalStateException(migration.reason().orElse("") + " " + migration.exitCodes());
            }
            EcsDeployResult r = deployer.deploy(service, image,
                    opts -> opts.container("web")
                            .timeout(Duration.ofMinutes(10))
                            .rollbackOnFailure(true)
                            .listener(event -> System.out.println(event.message())));
            switch (r.outcome()) {
                case SUCCEEDED -> System.out.println("serving " + r.servingRevision().orElseThrow());
                case ROLLED_BACK, FAILED -> System.out.println(r.reason().orElse("?") + "; stopped tasks: "
                        + r.stoppedTasks());
                case TIMED_OUT -> System.out.println(r.reason().orElse("?"));
            }
        }
    }

    /** Written once for any platform: ECS ({@code Deployer<EcsService, EcsDeployResult>}) or EKS. */
    static <T extends DeployTarget> boolean rollOut(Deployer<T, ?> deployer, T target, String image) {
        DeployResult result = deployer.deploy(target, image, opts -> opts.timeout(Duration.ofMinutes(10)));
        return result.succeeded();
    }
}
