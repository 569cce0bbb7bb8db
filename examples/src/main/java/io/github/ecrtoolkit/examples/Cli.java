package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code examples/target/ecr-toolkit-examples.jar}: this class only lists the
 * commands and runs one. Each command is one class (a {@link CliCommand}); a new command is one
 * more entry in {@code subcommands} below.
 *
 * <p>Exit codes: 0 done, 1 the operation failed (or a deploy's outcome is not SUCCEEDED), 2 usage
 * error (the usage goes to stderr). {@code --help} and {@code --version} work on every command.
 */
@Command(name = "ecr-toolkit",
        scope = ScopeType.INHERIT, // help, version and usage layout apply to every subcommand
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        showDefaultValues = true,
        synopsisHeading = "usage: ",
        descriptionHeading = "%n",
        optionListHeading = "%noptions:%n",
        commandListHeading = "%ncommands:%n",
        usageHelpAutoWidth = true,
        description = "Builds images, pushes them to Amazon ECR or any OCI registry, rolls them out to ECS or EKS.",
        subcommands = {
                PushCommand.class,
                BuildCommand.class,
                DeployEcsCommand.class,
                EcsCommand.class,
                EksTokenCommand.class,
                DeployEksCommand.class,
                DoctorCommand.class,
                IamPolicyCommand.class,
                PreflightCommand.class,
                EksCommand.class,
                CompletionCommand.class,
        })
public final class Cli implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    /** @param env the environment commands read ({@code REGISTRY_USERNAME}, {@code DOCKER_CONFIG}, …) */
    private Cli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            return commandLine(env).setOut(outWriter).setErr(errWriter).execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The whole command tree, with this project's converters and error reporting. */
    static CommandLine commandLine(Map<String, String> env) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new Cli(env))
                .registerConverter(Duration.class, new DurationConverter())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /** The environment the commands read; from {@link CliCommand#env()}. */
    Map<String, String> env() {
        return env;
    }

    /** Without a command: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }
}
