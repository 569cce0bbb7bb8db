package io.github.ecrtoolkit.core.ecr;

import io.github.ecrtoolkit.core.internal.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * Makes sure an ECR repository exists, creating it with {@link RepositoryOptions} when it does not.
 * An existing repository is left as it is.
 */
public final class EcrRepositories {

    private EcrRepositories() {
    }

    /**
     * Creates {@code name} unless it exists.
     *
     * @return true when this call created it
     * @throws EcrException when the ECR calls fail
     */
    public static boolean ensure(EcrClient client, String name, RepositoryOptions options) {
        try {
            client.describeRepositories(r -> r.repositoryNames(name));
            return false;
        } catch (RepositoryNotFoundException missing) {
            try {
                client.createRepository(r -> r.repositoryName(name)
                        .imageScanningConfiguration(s -> s.scanOnPush(options.scanOnPush()))
                        .imageTagMutability(options.immutableTags() ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
                        .encryptionConfiguration(e -> {
                            if (options.kmsKey().isPresent()) {
                                e.encryptionType(EncryptionType.KMS).kmsKey(options.kmsKey().get());
                            } else {
                                e.encryptionType(EncryptionType.AES256);
                            }
                        })
                        .tags(options.tags().entrySet().stream()
                                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()));
                return true;
            } catch (RepositoryAlreadyExistsException raced) {
                return false;
            } catch (SdkException e) {
                throw translate("CreateRepository", name, e);
            }
        } catch (SdkException e) {
            throw translate("DescribeRepositories", name, e);
        }
    }

    private static EcrException translate(String operation, String name, SdkException e) {
        AwsErrors.Failure failure = AwsErrors.classify("ECR", operation, e);
        String message = failure.message("repository '" + name + "'");
        if (failure.deniedAction().isEmpty() && "CreateRepository".equals(operation)
                && failure.reason() == EcrException.Reason.ACCESS_DENIED && !failure.credentials()) {
            message += " Tags on the repository need ecr:TagResource too.";
        }
        return new EcrException(failure.reason(), failure.errorCode(), message, e);
    }
}
