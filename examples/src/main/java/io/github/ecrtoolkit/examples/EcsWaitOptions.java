package io.github.ecrtoolkit.examples;

import java.time.Duration;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the {@code ecs} commands that talk to AWS and wait: region, endpoint, timeout, poll interval. */
final class EcsWaitOptions {

    @Mixin
    AwsOptions aws;

    @Mixin
    TimeoutOption timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "6s",
            description = "How often to ask ECS how the service is doing.")
    Duration pollInterval;

    EcsSession open(java.io.PrintWriter out) {
        return open(out, new PlatformCheckOption());
    }

    /** A session whose {@code up} checks images' platforms unless {@code platformCheck} says to skip it. */
    EcsSession open(java.io.PrintWriter out, PlatformCheckOption platformCheck) {
        return new EcsSession(aws, pollInterval, timeout.timeout, out, platformCheck.override());
    }
}
