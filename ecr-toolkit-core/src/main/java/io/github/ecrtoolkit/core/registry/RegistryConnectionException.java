package io.github.ecrtoolkit.core.registry;

/**
 * The registry could not be talked to at all, for a reason that retrying does not cure: its host
 * name does not resolve, it does not speak TLS (or speaks only TLS), or its certificate is not
 * trusted. The message names the host and the fix; it is never about credentials. Its
 * {@link #reason()} is {@link Reason#INVALID_INPUT} for a TLS setting to change and
 * {@link Reason#UNAVAILABLE} for a name that does not resolve.
 */
public final class RegistryConnectionException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryConnectionException(Reason reason, String message, String registry, Throwable cause) {
        super(reason, message, registry, null, 0, null, cause);
    }
}
