package io.github.ecrtoolkit.examples;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** Prints a bash/zsh completion script for every command and option; source it or drop it in bash_completion.d. */
@Command(name = "completion",
        description = {"Prints a bash (and zsh) completion script for the launcher `ecr-toolkit`.",
                "Use: source <(java -jar ecr-toolkit-examples.jar completion)"})
final class CompletionCommand extends CliCommand {

    @Override
    public Integer call() {
        out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
