package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small command line of {@code examples/target/ecr-toolkit-examples.jar}. Each sub-command is
 * one class; this class only dispatches.
 */
public final class Cli {

    /** A sub-command: takes its arguments, returns the process exit code. */
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("push", new PushCommand(System.getenv()));
        return commands;
    }

    private Cli() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Command> commands = commands();
        if (args.length == 0 || !commands.containsKey(args[0])) {
            err.println("usage: java -jar ecr-toolkit-examples.jar <command> [options]");
            err.println("commands: " + (commands.isEmpty() ? "(none yet: push arrives with daemonless build and push)"
                    : String.join(", ", commands.keySet())));
            return 2;
        }
        return commands.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
}
