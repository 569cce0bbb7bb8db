package io.github.ecrtoolkit.core;

import java.util.Objects;

/**
 * Root of every exception this library throws. Unchecked, like the AWS SDK's.
 *
 * <p>Callers decide by {@link #reason()} and {@link #isRetryable()}, not by the subclass or the
 * message text:
 *
 * <pre>{@code
 * try {
 *     build.push();
 * } catch (EcrToolkitException e) {
 *     if (e.reason() == EcrToolkitException.Reason.NOT_FOUND) { registry.createRepository("orders"); }
 *     else if (e.isRetryable()) { retryLater(); }
 *     else throw e;
 * }
 * }</pre>
 *
 * <p>Subclasses carry the context a caller needs to act (registry, repository, tag, cluster,
 * service) and their messages say what to do next. No message, and no {@code toString()},
 * ever contains a secret.
 */
public class EcrToolkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, by what the caller can do about it. */
    public enum Reason {
        /** The repository, image, cluster, service or file named does not exist: create it or fix the name. */
        NOT_FOUND,
        /** Credentials missing, refused or lacking a permission: fix the identity or its policy. */
        ACCESS_DENIED,
        /** Throttled, unreachable or failing on the other side: the same call may work later. */
        UNAVAILABLE,
        /** The target holds something else (an immutable tag, a resource in use): change the request. */
        CONFLICT,
        /** The input cannot be used as given (a reference, a Dockerfile line, a setting): fix it. */
        INVALID_INPUT,
        /** Valid, but not something this library or that service can do: use another way. */
        UNSUPPORTED,
        /** Anything else: the message says what. */
        FAILED
    }

    private final Reason reason;

    public EcrToolkitException(String message) {
        this(Reason.FAILED, message, null);
    }

    public EcrToolkitException(String message, Throwable cause) {
        this(Reason.FAILED, message, cause);
    }

    public EcrToolkitException(Reason reason, String message) {
        this(reason, message, null);
    }

    public EcrToolkitException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What kind of failure this is. */
    public Reason reason() {
        return reason;
    }

    /** Whether the same call may succeed later unchanged (throttling, an unreachable service). */
    public boolean isRetryable() {
        return reason == Reason.UNAVAILABLE;
    }
}
