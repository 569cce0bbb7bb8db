package io.github.ecrtoolkit.examples;

import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** {@code --region}, else the AWS default chain (AWS_REGION, the profile's region, instance metadata). */
final class AwsRegion {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region, e.g. eu-west-1 (default: AWS_REGION, else the profile's region).")
    String name;

    /** The region given, if any. */
    Optional<Region> given() {
        return Optional.ofNullable(name).map(Region::of);
    }

    /** The region given, else the default chain's; an error saying what to set when there is none. */
    Region resolve() {
        if (name != null) {
            return Region.of(name);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                    "no AWS region: pass --region, set AWS_REGION or a profile's region", e);
        }
    }
}
