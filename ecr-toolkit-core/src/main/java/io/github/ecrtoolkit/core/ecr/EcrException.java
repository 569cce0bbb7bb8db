package io.github.ecrtoolkit.core.ecr;

import io.github.ecrtoolkit.core.AwsException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An ECR API call failed; the message names the call, what it was about and what to check. Its
 * {@link #reason()} says what kind of failure it is (e.g. {@link Reason#ACCESS_DENIED} with the
 * denied action in the message, {@link Reason#UNAVAILABLE} when throttled), and
 * {@link #awsErrorCode()} gives ECR's error code.
 */
public class EcrException extends AwsException {

    private static final long serialVersionUID = 1L;

    /** A failure ECR did not report with an error code, e.g. an answer that cannot be used. */
    public EcrException(String message, Throwable cause) {
        this(Reason.FAILED, null, message, cause);
    }

    /**
     * @param awsErrorCode ECR's error code, or {@code null}
     * @param cause        the SDK's exception when an ECR call failed (then {@link #awsService()} is {@code ECR})
     */
    public EcrException(Reason reason, String awsErrorCode, String message, Throwable cause) {
        super(reason, awsErrorCode != null || cause instanceof SdkException ? "ECR" : null, awsErrorCode, message,
                cause);
    }
}
