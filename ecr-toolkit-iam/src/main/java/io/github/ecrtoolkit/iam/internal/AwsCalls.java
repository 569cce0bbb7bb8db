package io.github.ecrtoolkit.iam.internal;

import java.util.function.Supplier;

import io.github.ecrtoolkit.core.AwsException;
import io.github.ecrtoolkit.core.internal.AwsErrors;

import software.amazon.awssdk.core.exception.SdkException;

/** The one place where this module turns a failed STS or IAM call into an {@link AwsException} that says what to do. */
public final class AwsCalls {

    private AwsCalls() {
    }

    /** Runs {@code call}; a failure becomes an {@link AwsException} naming the call and {@code where}. */
    public static <T> T call(String service, String operation, String where, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(service, operation, where, e);
        }
    }

    /** The {@link AwsException} for a failed call; {@code where} may be {@code null}. */
    public static AwsException failure(String service, String operation, String where, SdkException e) {
        AwsErrors.Failure failure = AwsErrors.classify(service, operation, e);
        return new AwsException(failure.reason(), service, failure.errorCode(), failure.message(where), e);
    }
}
