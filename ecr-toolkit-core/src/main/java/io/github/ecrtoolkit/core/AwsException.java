package io.github.ecrtoolkit.core;

import java.util.Optional;

/**
 * Root of the exceptions about work done through an AWS API: ECR ({@code EcrException}), ECS
 * ({@code EcsException}, module {@code ecr-toolkit-ecs}) and EKS ({@code EksException}, module
 * {@code ecr-toolkit-eks}). When a failed AWS call caused it, it names the service called and,
 * when the service answered, the AWS error code, so a caller can log or match them without parsing
 * the message:
 *
 * <pre>{@code
 * catch (AwsException e) {
 *     log.warn("{} {} ({}, retryable: {})", e.awsService().orElse("-"), e.awsErrorCode().orElse("-"),
 *             e.reason(), e.isRetryable());
 * }
 * }</pre>
 */
public class AwsException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final String awsService;
    private final String awsErrorCode;

    /**
     * @param reason       what kind of failure it is
     * @param awsService   the AWS service called, e.g. {@code ECS}; {@code null} when no AWS call caused it
     * @param awsErrorCode the AWS error code, e.g. {@code AccessDeniedException}; {@code null} when there is none
     * @param message      what happened and what to do; never a secret
     * @param cause        the underlying failure, or {@code null}
     */
    public AwsException(Reason reason, String awsService, String awsErrorCode, String message, Throwable cause) {
        super(reason, message, cause);
        this.awsService = blankToNull(awsService);
        this.awsErrorCode = blankToNull(awsErrorCode);
    }

    /** The AWS service whose failed call caused this, e.g. {@code ECR}, {@code ECS}, {@code EKS}, {@code STS}. */
    public Optional<String> awsService() {
        return Optional.ofNullable(awsService);
    }

    /** The service's error code, e.g. {@code ThrottlingException}; empty when it did not answer or was not called. */
    public Optional<String> awsErrorCode() {
        return Optional.ofNullable(awsErrorCode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
