package io.github.ecrtoolkit.ecs;

import java.util.Objects;

import software.amazon.awssdk.core.exception.SdkException;

import io.github.ecrtoolkit.core.AwsException;

/**
 * An ECS call failed in a way the deployer cannot turn into a result. Carries the cluster and the
 * service so a caller can act, a {@link #reason()} (e.g. {@link Reason#UNAVAILABLE} when ECS kept
 * throttling) and, when ECS answered, its error code; subclasses name the specific problem.
 */
public class EcsException extends AwsException {

    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String service;

    public EcsException(String cluster, String service, String message) {
        this(Reason.FAILED, cluster, service, null, message, null);
    }

    public EcsException(String cluster, String service, String message, Throwable cause) {
        this(Reason.FAILED, cluster, service, null, message, cause);
    }

    /**
     * @param reason       what kind of failure it is
     * @param cluster      the cluster the call was about
     * @param service      the service the call was about, {@code null} for a call about the cluster only
     * @param awsErrorCode ECS's error code, {@code null} when ECS gave none
     * @param message      what happened and what to do
     * @param cause        the underlying failure, or {@code null}; the SDK's exception when an ECS call
     *                     failed (then {@link #awsService()} is {@code ECS})
     */
    public EcsException(Reason reason, String cluster, String service, String awsErrorCode, String message,
            Throwable cause) {
        this(reason, "ECS", cluster, service, awsErrorCode, message, cause);
    }

    /**
     * For a failed call to another AWS service made for an ECS service: EC2 (networking), IAM (the
     * execution role) or CloudWatch Logs (the log group).
     *
     * @param awsService the service called, as users know it: {@code ECS}, {@code EC2}, {@code IAM}, {@code CloudWatch Logs}
     */
    public EcsException(Reason reason, String awsService, String cluster, String service, String awsErrorCode,
            String message, Throwable cause) {
        super(reason, awsErrorCode != null || cause instanceof SdkException ? awsService : null, awsErrorCode, message,
                cause);
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.service = service;
    }

    /** The cluster the call was about. */
    public String cluster() {
        return cluster;
    }

    /** The service the call was about; {@code null} for calls about a cluster only. */
    public String service() {
        return service;
    }
}
