package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ecs status}: a service's revision, counts, deployments, tasks and endpoints. */
@Command(name = "status", description = "Prints a service's revision, running/desired counts, deployments, tasks and endpoints.")
final class EcsStatusCommand extends CliCommand {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster.")
    String cluster;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
    String service;

    @Mixin
    EcsWaitOptions wait;

    @Override
    public Integer call() {
        try (EcsSession session = wait.open(out())) {
            EcsServiceStatus s = session.services().status(EcsService.of(cluster, service));
            out().println("service " + s.service().displayName() + " " + s.status());
            out().println("task definition " + s.taskDefinition());
            out().println("running " + s.runningCount() + "/" + s.desiredCount() + ", pending " + s.pendingCount());
            s.deployments().forEach(d -> out().println("deployment " + d.id() + " " + d.status() + " " + d.rolloutState() + " "
                    + d.running() + "/" + d.desired() + " running, " + d.failed() + " failed, " + d.taskDefinition()));
            s.tasks().forEach(t -> out().println("task " + t.arn() + " " + t.lastStatus()));
            s.endpoints().forEach(endpoint -> out().println("endpoint " + endpoint));
            return 0;
        }
    }
}
