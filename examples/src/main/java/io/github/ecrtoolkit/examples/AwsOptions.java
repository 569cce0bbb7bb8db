package io.github.ecrtoolkit.examples;

import java.net.URI;
import java.util.Optional;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that call AWS APIs: the region and an endpoint for stand-ins or VPC endpoints. */
final class AwsOptions {

    @Mixin
    AwsRegion region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "AWS API endpoint to call instead of the region's (a VPC endpoint, a local stand-in).")
    URI endpoint;

    Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }
}
