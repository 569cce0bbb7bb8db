package io.github.ecrtoolkit.examples;

import java.net.URI;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.ecs.EcsScaleResult;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.StoppedTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ecs scale}: sets a service's task count and waits until it is met; {@code outcome <…>} last. */
@Command(name = "scale",
        description = {"Sets the number of tasks and waits until that many run; prints progress, then `outcome <…>`.",
                "FAILED, with the stopped tasks' reasons, when new tasks fail to start. Exit code 0 only for SUCCEEDED."})
final class EcsScaleCommand extends CliCommand {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster.")
    String cluster;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
    String service;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many tasks run.")
    int count;

    @Mixin
    EcsWaitOptions wait;

    @Override
    public Integer call() {
        if (count < 0) {
            throw usageError("--count must be >= 0, was " + count);
        }
        try (EcsSession session = wait.open(out())) {
            EcsScaleResult result = session.services().scale(EcsService.of(cluster, service), count);
            for (StoppedTask task : result.stoppedTasks()) {
                out().println("stopped: " + task.describe());
            }
            result.reason().ifPresent(reason -> out().println("reason: " + reason));
            for (URI endpoint : result.endpoints()) {
                out().println("endpoint " + endpoint);
            }
            out().println("outcome " + result.outcome());
            return result.outcome() == DeployOutcome.SUCCEEDED ? 0 : ErrorReporter.FAILED;
        }
    }
}
