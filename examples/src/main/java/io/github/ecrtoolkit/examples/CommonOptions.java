package io.github.ecrtoolkit.examples;

import picocli.CommandLine.Option;

/** Options of every command. */
final class CommonOptions {

    @Option(names = "--debug", description = "On an error, print the stack trace too.")
    boolean debug;
}
