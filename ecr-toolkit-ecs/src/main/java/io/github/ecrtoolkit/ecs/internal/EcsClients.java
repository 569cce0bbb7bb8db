package io.github.ecrtoolkit.ecs.internal;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.internal.AwsErrors;

/**
 * The ECS client a deployer holds: one it builds (default credentials and region chains, Apache
 * HttpClient 5), or the caller's, lent so that closing it does nothing.
 */
public final class EcsClients {

    private EcsClients() {
    }

    /**
     * @param given the caller's client, or {@code null} to build one
     * @return a client the deployer closes when it is closed; the caller's stays open
     * @throws EcrToolkitException when a client must be built and no region is configured
     */
    public static EcsClient of(EcsClient given) {
        if (given != null) {
            return AwsClients.notClosed(EcsClient.class, given);
        }
        try {
            return AwsClients.build(EcsClient.builder());
        } catch (SdkClientException e) {
            throw new EcrToolkitException(AwsErrors.classify("ECS", "client setup", e).reason(),
                    "could not create an ECS client: " + AwsErrors.safe(e.getMessage()) + " Set AWS_REGION "
                    + "(or a profile's region), or pass your own EcsClient to EcsDeployer.create(client).", e);
        }
    }
}
