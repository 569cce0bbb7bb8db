package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command has: {@code --debug}, its output streams, the environment. A command
 * implements {@link #call()} and returns its exit code: 0 done, 1 failed. Exceptions need no
 * handling here: an {@code EcrToolkitException} becomes {@code error: <message>} and exit code 1,
 * a {@link #usageError(String)} exit code 2 with the usage.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** Where results go (stdout). */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress and errors go (stderr). */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final Map<String, String> env() {
        return ((Cli) spec.root().userObject()).env();
    }

    /** To throw when options are wrong together: exit code 2, the message, then the usage. */
    final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
