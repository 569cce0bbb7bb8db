package io.github.ecrtoolkit.examples;

import picocli.CommandLine.Command;

/** {@code ecs}: the group of {@code up}, {@code scale}, {@code status} and {@code down}. */
@Command(name = "ecs",
        description = {"Takes an image from zero to a running ECS service, scales it, shows it, tears it down.",
                "Credentials and region: the AWS default chains."},
        subcommands = {EcsUpCommand.class, EcsScaleCommand.class, EcsStatusCommand.class, EcsDownCommand.class})
final class EcsCommand extends CliCommand {

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        throw usageError("an ecs command is needed: up, scale, status or down");
    }
}
