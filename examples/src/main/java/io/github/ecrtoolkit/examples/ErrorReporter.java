package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import io.github.ecrtoolkit.core.EcrToolkitException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where errors reach the user: {@code error: <message>} on stderr, no stack trace
 * unless {@code --debug}; exit code 2 and the usage for a usage error, 1 for a failed operation.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static final int FAILED = 1;
    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + message(e));
        if (debug(command)) {
            e.printStackTrace(err);
        }
        command.usage(err);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof EcrToolkitException || e instanceof IllegalArgumentException) {
            // our own messages say what went wrong and what to do
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: " + e + (debug(command) ? "" : " (--debug prints the stack trace)"));
        }
        if (debug(command)) {
            e.printStackTrace(err);
        }
        return FAILED;
    }

    /** An unknown option is the cause of what else is wrong (a typo'd required option): say it first. */
    private static String message(ParameterException e) {
        List<String> unknown = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof UnmatchedArgumentException || unknown.isEmpty()) {
            return e.getMessage();
        }
        return (unknown.size() == 1 ? "Unknown option: " : "Unknown options: ")
                + unknown.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
    }

    private static boolean debug(CommandLine command) {
        return command.getCommand() instanceof CliCommand c && c.common != null && c.common.debug;
    }
}
