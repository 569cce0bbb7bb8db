package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.ecs.EcsDownOptions;
import io.github.ecrtoolkit.ecs.EcsDownResult;
import io.github.ecrtoolkit.ecs.EcsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ecs down}: removes a service and what {@code ecs up} created for it; one line per resource. */
@Command(name = "down",
        description = {"Scales the service to 0, deletes it, deregisters its revisions, deletes its security group and log group:",
                "only what `ecs up` created (recognised by its tag). The cluster and the execution role are kept unless asked."})
final class EcsDownCommand extends CliCommand {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster.")
    String cluster;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
    String service;

    @Option(names = "--keep-logs", description = "Keep the service's log group.")
    boolean keepLogs;

    @Option(names = "--delete-cluster", description = "Delete the cluster too, if `ecs up` created it and it runs no other service.")
    boolean deleteCluster;

    @Option(names = "--delete-role", description = "Delete the execution role too, if `ecs up` created it (other services may use it).")
    boolean deleteRole;

    @Mixin
    EcsWaitOptions wait;

    @Override
    public Integer call() {
        try (EcsSession session = wait.open(out())) {
            EcsDownResult result = session.services().down(EcsService.of(cluster, service), EcsDownOptions.defaults()
                    .keepLogs(keepLogs).deleteCluster(deleteCluster).deleteExecutionRole(deleteRole));
            result.changes().forEach(change -> out().println(change.describe()));
            return 0;
        }
    }
}
