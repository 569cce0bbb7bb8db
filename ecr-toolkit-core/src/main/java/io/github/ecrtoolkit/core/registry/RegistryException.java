package io.github.ecrtoolkit.core.registry;

import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A registry refused or failed a request. Carries the registry host, the repository and the
 * registry's error code (e.g. {@code NAME_UNKNOWN}); never a credential.
 */
public class RegistryException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final String registry;
    private final String repository;
    private final int status;
    private final String code;

    public RegistryException(String message, String registry, String repository, int status, String code) {
        this(message, registry, repository, status, code, null);
    }

    public RegistryException(String message, String registry, String repository, int status, String code, Throwable cause) {
        this(Reason.FAILED, message, registry, repository, status, code, cause);
    }

    /** For subclasses: {@code reason} says what the caller can do (see {@link EcrToolkitException.Reason}). */
    protected RegistryException(Reason reason, String message, String registry, String repository, int status, String code,
                                Throwable cause) {
        super(reason, message, cause);
        this.registry = registry;
        this.repository = repository;
        this.status = status;
        this.code = code;
    }

    /** Registry host, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}. */
    public String registry() {
        return registry;
    }

    /** The repository involved, when one was. */
    public Optional<String> repository() {
        return Optional.ofNullable(repository);
    }

    /** HTTP status of the last answer, 0 when there was none (connection failed). */
    public int status() {
        return status;
    }

    /** The registry's error code such as {@code DENIED}, when it gave one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
