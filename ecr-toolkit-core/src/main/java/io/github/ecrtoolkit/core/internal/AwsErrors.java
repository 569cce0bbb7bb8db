package io.github.ecrtoolkit.core.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;

/**
 * The one translator of AWS SDK failures, shared by ECR (core), ECS and EKS: it tells what a
 * failed call means ({@link Reason}), keeps the AWS error code and service, names the denied IAM
 * action or the unreachable host when the SDK gives them, and writes a message that says what to
 * do. Each module turns the {@link Failure} into its own exception type:
 *
 * <pre>{@code
 * AwsErrors.Failure failure = AwsErrors.classify("ECR", "CreateRepository", e);
 * throw new EcrException(failure.reason(), failure.errorCode(), failure.message("repository orders"), e);
 * }</pre>
 *
 * <p>Messages never carry a secret: the AWS text is cut before the canonical request that
 * {@code SignatureDoesNotMatch} echoes, and signatures and session tokens in it are masked.
 */
@InternalApi
public final class AwsErrors {

    /**
     * The ways to provide credentials, in one sentence: what to do when none were found. The SDK's
     * account of each provider it tried (some 1,400 characters) goes to the debug log only.
     */
    public static final String PROVIDE_CREDENTIALS = "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pick a profile "
            + "with AWS_PROFILE (IAM Identity Center: `aws configure sso`, then `aws sso login`), or run where a role "
            + "provides them (EC2 instance profile, ECS task role, EKS Pod Identity).";

    private static final Logger LOG = LoggerFactory.getLogger(AwsErrors.class);

    /** Codes that mean "these credentials are missing, invalid or expired", not "this action is denied". */
    private static final Set<String> CREDENTIALS_REFUSED = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken", "MissingAuthenticationTokenException", "ExpiredToken",
            "ExpiredTokenException", "InvalidToken", "AuthFailure", "RequestExpired");
    private static final Set<String> DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
            "NotAuthorized", "Forbidden", "ForbiddenException");
    private static final Set<String> THROTTLED = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
            "BandwidthLimitExceeded", "EC2ThrottledException");
    private static final Set<String> SERVER_SIDE = Set.of(
            "ServerException", "InternalFailure", "InternalError", "InternalServerError", "InternalServerException",
            "InternalServiceError", "InternalServiceException", "ServiceUnavailable", "ServiceUnavailableException",
            "ServiceFailure", "ServiceFailureException", "ServerError");
    private static final Set<String> CONFLICTS = Set.of(
            "ConflictException", "ResourceInUseException", "ResourceConflictException", "ImageTagAlreadyExistsException",
            "ConcurrentModificationException", "UpdateInProgressException", "ClusterContainsServicesException",
            "ClusterContainsTasksException", "ClusterContainsContainerInstancesException");
    private static final Set<String> UNSUPPORTED = Set.of(
            "UnsupportedOperation", "UnsupportedOperationException", "UnsupportedFeatureException",
            "UnsupportedAvailabilityZoneException", "UnsupportedImageTypeException", "PlatformUnknownException",
            "UnsupportedUpgradeException");
    private static final Set<String> INVALID = Set.of(
            "ValidationException", "ValidationError", "ClientException", "SerializationException", "BadRequest",
            "BadRequestException", "MalformedQueryString", "MalformedInput");

    /** {@code ... is not authorized to perform: ecr:CreateRepository on resource ...}, with or without the colon. */
    private static final Pattern DENIED_ACTION = Pattern.compile(
            "not authorized to perform:?\\s+([a-z0-9-]+:[A-Za-z0-9*]+)");
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?i)(x-amz-security-token[=:]\\s*|x-amz-signature[=:]\\s*|signature=)[^\\s&,;'\"]+");
    private static final int MAX_AWS_TEXT = 600;

    private AwsErrors() {
    }

    /**
     * What one failed AWS call means.
     *
     * @param reason       what the caller can do about it
     * @param service      the AWS service, as users know it: {@code ECR}, {@code ECS}, {@code EKS}, {@code STS}
     * @param operation    the API operation, e.g. {@code DescribeServices}
     * @param errorCode    the AWS error code; empty when the call got no answer
     * @param statusCode   the HTTP status; 0 when the call got no answer
     * @param detail       the service's own words (or the SDK's, without an answer), made safe to show
     * @param deniedAction the IAM action the service named as denied, e.g. {@code ecr:CreateRepository}
     * @param host         the host that could not be resolved or reached, when the SDK names it
     * @param credentials  whether the credentials themselves are missing, invalid or expired
     */
    public record Failure(Reason reason, String service, String operation, String errorCode, int statusCode,
            String detail, Optional<String> deniedAction, Optional<String> host, boolean credentials) {

        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(operation, "operation");
            errorCode = Objects.requireNonNullElse(errorCode, "");
            detail = Objects.requireNonNullElse(detail, "");
            Objects.requireNonNull(deniedAction, "deniedAction");
            Objects.requireNonNull(host, "host");
        }

        /** Whether the service throttled the call (rather than failing or being out of reach). */
        public boolean throttled() {
            return reason == Reason.UNAVAILABLE && (THROTTLED.contains(errorCode) || statusCode == 429);
        }

        /**
         * One message for a person: the service, the operation, what it was about, what happened in
         * the service's words, and what to do.
         *
         * @param where what the call was about, e.g. {@code service orders in cluster prod}; {@code null} for nothing
         */
        public String message(String where) {
            StringBuilder m = new StringBuilder(service).append(' ').append(operation);
            if (where != null && !where.isBlank()) {
                m.append(" on ").append(where);
            }
            m.append(": ").append(headline());
            String said = errorCode.isEmpty() ? detail : detail.isEmpty() ? errorCode : errorCode + ": " + detail;
            if (!said.isEmpty() || statusCode > 0) {
                m.append(" (").append(said);
                if (statusCode > 0) {
                    m.append(said.isEmpty() ? "" : ", ").append("HTTP ").append(statusCode);
                }
                m.append(')');
            }
            String advice = advice();
            return advice.isEmpty() ? m.append('.').toString() : m.append(". ").append(advice).toString();
        }

        private String headline() {
            return switch (reason) {
                case NOT_FOUND -> "not found";
                case ACCESS_DENIED -> statusCode == 0 ? "no AWS credentials found"
                        : credentials ? "AWS refused the credentials" : "access denied";
                case UNAVAILABLE -> throttled() ? "throttled"
                        : statusCode == 0 ? "could not reach " + service + host.map(h -> " at " + h).orElse("")
                        : "the service failed on its side";
                case CONFLICT -> "conflicts with the current state of the resource";
                case INVALID_INPUT -> statusCode == 0 ? "cannot be sent as configured" : "rejected as invalid";
                case UNSUPPORTED -> "not supported";
                case FAILED -> "failed";
            };
        }

        private String advice() {
            return switch (reason) {
                case NOT_FOUND -> "Check the names and the region.";
                case ACCESS_DENIED -> statusCode == 0 ? PROVIDE_CREDENTIALS
                        : credentials ? "Check the AWS credentials in use (profile, environment variables, SSO session or role): "
                                + "they are invalid or expired."
                        : allow(deniedAction.orElse(service.toLowerCase(Locale.ROOT) + ":" + operation));
                case UNAVAILABLE -> throttled() ? "Try again later, or make fewer calls at once."
                        : statusCode == 0 ? "Check the region, any endpoint override (" + endpointVariable(service)
                                + "), the network, DNS and proxy settings."
                        : "Try again later.";
                case CONFLICT -> "Check what holds the resource, then change the request or try again.";
                case INVALID_INPUT -> statusCode == 0 ? "Set the region (AWS_REGION or a profile's region) or pass one."
                        : "Change the request as the message says.";
                case UNSUPPORTED -> "Use another way to do it.";
                case FAILED -> "";
            };
        }
    }

    /**
     * The environment variable the AWS SDK reads a service's endpoint from: {@code AWS_ENDPOINT_URL_}
     * and the SDK's service id, upper case, spaces as underscores (the load balancer API's id is
     * {@code Elastic Load Balancing v2}).
     */
    static String endpointVariable(String service) {
        String id = service.equals("Elastic Load Balancing") ? "Elastic Load Balancing v2" : service;
        return "AWS_ENDPOINT_URL_" + id.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /**
     * "Allow {@code action} in the IAM policy …", and where the whole policy of the first capability
     * that needs it comes from.
     */
    public static String allow(String action) {
        String allow = "Allow " + action + " in the IAM policy of the identity in use.";
        return Permissions.firstNeeding(action).map(capability -> allow + " " + policyHint(capability)).orElse(allow);
    }

    /** Where the least-privilege policy of {@code capability} comes from: the command and the code. */
    public static String policyHint(Capability capability) {
        return "The whole policy to " + capability.description() + ": `iam-policy --for " + capability.cliName()
                + "` prints it (in code: Permissions.policy(Capability." + capability.name() + ", scope)).";
    }

    /**
     * Classifies a failed call by the generic AWS rules.
     *
     * @param service   as users know it: {@code ECR}, {@code ECS}, {@code EKS}, {@code STS}
     * @param operation the API operation, e.g. {@code GetAuthorizationToken}
     */
    public static Failure classify(String service, String operation, SdkException e) {
        return classify(service, operation, e, Map.of());
    }

    /**
     * Classifies a failed call, with codes that only this service gives (e.g. ECS's
     * {@code ServiceNotActiveException} means "not found") checked first.
     */
    public static Failure classify(String service, String operation, SdkException e, Map<String, Reason> serviceCodes) {
        Objects.requireNonNull(e, "e");
        if (e instanceof SdkServiceException answered) {
            String code = errorCode(e);
            int status = answered.statusCode();
            String detail = safe(e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorMessage() : null);
            boolean credentials = CREDENTIALS_REFUSED.contains(code) || status == 401;
            Reason reason = serviceCodes.containsKey(code) ? serviceCodes.get(code)
                    : reasonOf(code, status, answered.isThrottlingException(), credentials);
            Optional<String> denied = Optional.empty();
            if (reason == Reason.ACCESS_DENIED) {
                Matcher m = DENIED_ACTION.matcher(detail);
                denied = m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
            return new Failure(reason, service, operation, code, status, detail, denied, Optional.empty(), credentials);
        }
        // no answer: the SDK could not sign (credentials), not address (region) or not reach the service
        Optional<String> host = unknownHost(e);
        String detail = safe(host.isPresent() ? "unknown host" : e.getMessage());
        String lower = detail.toLowerCase(Locale.ROOT);
        if (host.isEmpty() && lower.contains("credentials")) {
            LOG.debug("{} {}: no AWS credentials; the SDK's providers said: {}", service, operation, detail);
            return new Failure(Reason.ACCESS_DENIED, service, operation, "", 0, "", Optional.empty(), host, true);
        }
        Reason reason;
        if (host.isPresent()) {
            reason = Reason.UNAVAILABLE;
        } else if (lower.contains("unable to load region") || lower.contains("no region")) {
            reason = Reason.INVALID_INPUT;
        } else if (hasCause(e, ConnectException.class) || hasCause(e, SocketTimeoutException.class)
                || lower.contains("unable to execute http request") || lower.contains("timed out")) {
            reason = Reason.UNAVAILABLE;
        } else {
            reason = Reason.FAILED;
        }
        return new Failure(reason, service, operation, "", 0, detail, Optional.empty(), host, false);
    }

    /** The AWS error code of an answered call, e.g. {@code ThrottlingException}; empty when there is none. */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return "";
    }

    /**
     * Text from AWS made safe to show: cut before an echoed canonical request or string to sign,
     * signatures and session tokens masked, at most a few hundred characters.
     */
    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cut = text;
        for (String echo : new String[] {"The Canonical String for this request", "The String-to-Sign",
                "Canonical request", "String to sign"}) {
            int at = cut.indexOf(echo);
            if (at >= 0) {
                cut = cut.substring(0, at);
            }
        }
        cut = SIGNATURE.matcher(cut).replaceAll("$1****").strip().replaceAll("\\s+", " ");
        return cut.length() > MAX_AWS_TEXT ? cut.substring(0, MAX_AWS_TEXT) + "..." : cut;
    }

    private static Reason reasonOf(String code, int status, boolean throttling, boolean credentials) {
        if (throttling || THROTTLED.contains(code) || status == 429) {
            return Reason.UNAVAILABLE;
        }
        if (credentials || DENIED.contains(code) || code.startsWith("AccessDenied") || status == 403) {
            return Reason.ACCESS_DENIED;
        }
        if (code.contains("NotFound") || code.startsWith("NoSuch") || status == 404) {
            return Reason.NOT_FOUND;
        }
        if (CONFLICTS.contains(code) || code.contains("AlreadyExists") || status == 409) {
            return Reason.CONFLICT;
        }
        if (UNSUPPORTED.contains(code) || code.contains("NotSupported")) {
            return Reason.UNSUPPORTED;
        }
        if (SERVER_SIDE.contains(code) || status >= 500) {
            return Reason.UNAVAILABLE;
        }
        if (INVALID.contains(code) || code.startsWith("Invalid") || code.startsWith("Missing")
                || code.startsWith("Malformed") || status == 400 && code.isEmpty()) {
            return Reason.INVALID_INPUT;
        }
        return Reason.FAILED;
    }

    private static Optional<String> unknownHost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException u) {
                String message = u.getMessage() == null ? "" : u.getMessage();
                int colon = message.indexOf(':');
                String host = (colon > 0 ? message.substring(0, colon) : message).strip();
                return host.isEmpty() ? Optional.of("(unnamed)") : Optional.of(host);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
