package io.github.ecrtoolkit.core.registry;

/** The registry kept failing or throttling (429, 5xx, broken connections) after every retry: try again later or lower concurrency. */
public class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, String registry, String repository, int status, String code) {
        super(Reason.UNAVAILABLE, message, registry, repository, status, code, null);
    }

    public RegistryUnavailableException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.UNAVAILABLE, message, registry, repository, status, code, cause);
    }
}
