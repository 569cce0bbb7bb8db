package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.ecs.EcsAccessDeniedException;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsServiceNotFoundException;

/**
 * Runs ECS calls (and, through {@link #to}, the EC2, IAM and Logs calls made for a service) for
 * one deploy: waits and tries again while the service throttles (after the SDK's own
 * retries gave up), and turns every other failure into an {@link EcsException} that names the
 * cluster, the service and the operation. The one place where ECS errors are translated: what an
 * AWS error means and the message come from core's {@link AwsErrors}; this class picks the ECS
 * exception type and adds what only ECS says.
 */
public final class EcsCalls {

    private static final Logger LOG = LoggerFactory.getLogger(EcsCalls.class);

    /**
     * Tries of one call while ECS throttles or answers 5xx (after the SDK's own retries); with
     * doubling waits this outlasts a burst without failing a deploy that is already under way.
     */
    static final int THROTTLED_TRIES = 10;

    /** ECS's codes for "the cluster or service is not there"; the service one also while it drains. */
    private static final Map<String, Reason> ECS_CODES = Map.of("ServiceNotActiveException", Reason.NOT_FOUND);
    private static final Set<String> SERVICE_OR_CLUSTER_MISSING = Set.of(
            "ServiceNotFoundException", "ServiceNotActiveException", "ClusterNotFoundException");

    private final String awsService;
    private final String cluster;
    private final String service;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;

    public EcsCalls(String cluster, String service, Pacer pacer, EventLog<EcsDeployEvent> events) {
        this("ECS", cluster, service, pacer, events);
    }

    private EcsCalls(String awsService, String cluster, String service, Pacer pacer, EventLog<EcsDeployEvent> events) {
        this.awsService = awsService;
        this.cluster = cluster;
        this.service = service;
        this.pacer = pacer;
        this.events = events;
    }

    /**
     * The same retries and translation for calls to another AWS service made for this ECS service.
     *
     * @param awsService as users know it: {@code EC2}, {@code IAM}, {@code CloudWatch Logs}
     */
    public EcsCalls to(String awsService) {
        return new EcsCalls(awsService, cluster, service, pacer, events);
    }

    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.get();
                pacer.answered();
                return result;
            } catch (SdkServiceException e) {
                if (attempt >= THROTTLED_TRIES || !(e.isThrottlingException() || e.statusCode() >= 500)) {
                    throw translate(operation, e, attempt);
                }
                Duration wait = pacer.throttled();
                if (e.isThrottlingException()) {
                    events.emit(new EcsDeployEvent.Throttled(pacer.now(), operation, wait));
                } else {
                    LOG.warn("{} failed with HTTP {}; trying again in about {} ms", operation, e.statusCode(),
                            wait.toMillis());
                }
                pacer.pause(pacer.now().plus(Duration.ofDays(1)));
            } catch (SdkClientException e) {
                throw translate(operation, e, 1);
            }
        }
    }

    EcsException translate(String operation, SdkException e, int tries) {
        String where = service == null ? "cluster " + cluster : "service " + service + " in cluster " + cluster;
        AwsErrors.Failure failure = AwsErrors.classify(awsService, operation, e, awsService.equals("ECS") ? ECS_CODES : Map.of());
        String message = failure.message(where);
        String code = failure.errorCode().isEmpty() ? null : failure.errorCode();
        if (failure.reason() == Reason.UNAVAILABLE && tries > 1) {
            message += " " + awsService + " still refused after " + tries + " tries.";
        }
        if (failure.reason() == Reason.NOT_FOUND && SERVICE_OR_CLUSTER_MISSING.contains(failure.errorCode())) {
            return new EcsServiceNotFoundException(cluster, service, code, message, e);
        }
        if (failure.reason() == Reason.ACCESS_DENIED) {
            return new EcsAccessDeniedException(awsService, cluster, service, operation, code, message, e);
        }
        return new EcsException(failure.reason(), awsService, cluster, service, code, message, e);
    }
}
