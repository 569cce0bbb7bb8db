package io.github.ecrtoolkit.eks.internal;

import java.util.function.Supplier;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.eks.EksAccessException;
import io.github.ecrtoolkit.eks.EksException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one AWS call of the cluster lifecycle and turns its failure into an {@link EksException}. */
public final class AwsCalls {

    private AwsCalls() {
    }

    /**
     * @param service as users know it: {@code EKS}, {@code IAM}, {@code EC2}
     * @param operation the API operation
     * @param cluster the cluster it concerns
     * @param where what the call is about, for the message
     */
    public static <T> T call(String service, String operation, String cluster, String where, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(service, operation, cluster, where, e);
        }
    }

    public static EksException translate(String service, String operation, String cluster, String where, SdkException e) {
        AwsErrors.Failure failure = AwsErrors.classify(service, operation, e);
        String code = failure.errorCode().isEmpty() ? null : failure.errorCode();
        if (failure.reason() == Reason.ACCESS_DENIED) {
            return new EksAccessException(cluster, null, service, code, failure.message(where), e);
        }
        return new EksException(failure.reason(), cluster, service, code, failure.message(where), e);
    }
}
