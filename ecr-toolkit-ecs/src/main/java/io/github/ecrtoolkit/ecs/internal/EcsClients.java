package io.github.ecrtoolkit.ecs.internal;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.AwsClients;

/** Builds the ECS client a deployer owns: default credentials and region chains, Apache HttpClient 5. */
public final class EcsClients {

    private EcsClients() {
    }

    /**
     * @throws EcrToolkitException when no region is configured
     */
    public static EcsClient createDefault() {
        try {
            return AwsClients.build(EcsClient.builder());
        } catch (SdkClientException e) {
            throw new EcrToolkitException("could not create an ECS client: " + e.getMessage() + " Set AWS_REGION "
                    + "(or a profile's region), or pass your own EcsClient to EcsDeployer.create(client).", e);
        }
    }
}
