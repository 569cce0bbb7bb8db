package io.github.ecrtoolkit.core.registry;

/** The credentials are valid but not allowed to do this (`DENIED`, HTTP 403): grant push/pull on the repository. */
public class RegistryAccessDeniedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryAccessDeniedException(String message, String registry, String repository, int status, String code) {
        super(Reason.ACCESS_DENIED, message, registry, repository, status, code, null);
    }

    public RegistryAccessDeniedException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.ACCESS_DENIED, message, registry, repository, status, code, cause);
    }
}
