package io.github.ecrtoolkit.examples;

import java.time.Duration;

import picocli.CommandLine.Option;

/** {@code --timeout}: how long a command waits for what it started (a rollout, say) before it reports TIMED_OUT. */
final class TimeoutOption {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long to wait for the outcome: 90s, 10m, 1h or PT10M.")
    Duration timeout;
}
