package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsAccessDeniedException;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsServiceNotFoundException;

/**
 * Runs ECS calls for one deploy: waits and tries again while ECS throttles (after the SDK's own
 * retries gave up), and turns every other failure into an {@link EcsException} that names the
 * cluster, the service and the operation. The one place where errors are translated.
 */
public final class EcsCalls {

    private static final Logger LOG = LoggerFactory.getLogger(EcsCalls.class);

    /**
     * Tries of one call while ECS throttles or answers 5xx (after the SDK's own retries); with
     * doubling waits this outlasts a burst without failing a deploy that is already under way.
     */
    static final int THROTTLED_TRIES = 10;

    private static final Set<String> NOT_FOUND = Set.of(
            "ServiceNotFoundException", "ServiceNotActiveException", "ClusterNotFoundException");
    private static final Set<String> CREDENTIALS_REFUSED = Set.of(
            "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException",
            "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId", "IncompleteSignature",
            "MissingAuthenticationToken", "UnauthorizedOperation", "SignatureDoesNotMatch");

    private final String cluster;
    private final String service;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;

    public EcsCalls(String cluster, String service, Pacer pacer, EventLog<EcsDeployEvent> events) {
        this.cluster = cluster;
        this.service = service;
        this.pacer = pacer;
        this.events = events;
    }

    public <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.get();
                pacer.answered();
                return result;
            } catch (SdkServiceException e) {
                if (attempt >= THROTTLED_TRIES || !(e.isThrottlingException() || e.statusCode() >= 500)) {
                    throw translate(operation, e);
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
                throw translate(operation, e);
            }
        }
    }

    EcsException translate(String operation, SdkException e) {
        String where = service == null ? "cluster " + cluster : "service " + service + " in cluster " + cluster;
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? "" : nullToEmpty(aws.awsErrorDetails().errorCode());
            String said = aws.awsErrorDetails() == null ? "" : nullToEmpty(aws.awsErrorDetails().errorMessage());
            if (NOT_FOUND.contains(code)) {
                return new EcsServiceNotFoundException(cluster, service, operation + ": " + where + " was not found ("
                        + code + ": " + said + "). Check the cluster and service names, and the region.");
            }
            if (CREDENTIALS_REFUSED.contains(code) || aws.statusCode() == 401 || aws.statusCode() == 403) {
                return new EcsAccessDeniedException(cluster, service, operation, "ECS refused " + operation + " on "
                        + where + " (" + code + ": " + said + "). Check the AWS credentials (profile, environment, "
                        + "role) and that they allow ecs:" + operation + ".", e);
            }
            if (aws.isThrottlingException()) {
                return new EcsException(cluster, service, "ECS kept throttling " + operation + " on " + where
                        + " after " + THROTTLED_TRIES + " tries; try again later.", e);
            }
            return new EcsException(cluster, service, operation + " failed on " + where + " (" + code + ": " + said
                    + ").", e);
        }
        String message = nullToEmpty(e.getMessage());
        if (message.contains("credentials")) {
            return new EcsAccessDeniedException(cluster, service, operation, "no AWS credentials for " + operation
                    + " on " + where + ": configure a profile, environment variables or a role (" + message + ")", e);
        }
        return new EcsException(cluster, service, operation + " on " + where + " could not reach ECS: " + message, e);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
