package io.github.ecrtoolkit.examples;

import picocli.CommandLine.Command;

/** {@code eks}: EKS from zero; the work is in its subcommands. */
@Command(name = "eks",
        description = "EKS from zero: a cluster with workers, a kubeconfig context, apps, jobs, scaling, tear-down.",
        subcommands = {
                EksUpCommand.class,
                EksKubeconfigCommand.class,
                EksAppCommand.class,
                EksJobCommand.class,
                EksScaleCommand.class,
                EksDownCommand.class,
        })
final class EksCommand extends CliCommand {

    @Override
    public Integer call() {
        throw usageError("an eks command is needed: up, kubeconfig, app, job, scale or down");
    }
}
