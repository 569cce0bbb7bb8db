package io.github.ecrtoolkit.testing.aws;

import java.util.Objects;

/**
 * An error the stand-in answers instead of a result: the HTTP status, the AWS error code and its
 * message, rendered in the protocol of the service that fails (JSON {@code __type}, REST
 * {@code X-Amzn-ErrorType}, or Query XML).
 *
 * <pre>{@code
 * aws.failNext("ecs", "CreateService", AwsFault.accessDenied("ecs:CreateService"));
 * }</pre>
 *
 * @param status the HTTP status, 400 to 599
 * @param code the AWS error code, such as {@code ThrottlingException}
 * @param message the human text AWS would send
 */
public record AwsFault(int status, String code, String message) {

    public AwsFault {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an AWS fault has a 4xx or 5xx status, not " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** What AWS answers a principal whose policies do not allow {@code action}. */
    public static AwsFault accessDenied(String action) {
        return new AwsFault(400, "AccessDeniedException", "User: " + AwsAccount.DEFAULT_CALLER_ARN
                + " is not authorized to perform: " + action + " because no identity-based policy allows the "
                + action + " action");
    }

    /** A request rate above the account's limit: retryable. */
    public static AwsFault throttling() {
        return new AwsFault(400, "ThrottlingException", "Rate exceeded");
    }

    /** A validation error, as the service's own input checks would raise it. */
    public static AwsFault invalidParameter(String code, String message) {
        return new AwsFault(400, code, message);
    }

    /** The server side failing: retryable. */
    public static AwsFault serviceUnavailable() {
        return new AwsFault(503, "ServiceUnavailable", "Service is unavailable, please retry");
    }
}
