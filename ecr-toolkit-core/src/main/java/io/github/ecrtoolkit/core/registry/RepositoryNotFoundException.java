package io.github.ecrtoolkit.core.registry;

/** The repository does not exist (`NAME_UNKNOWN`): create it first, e.g. with `createRepository()` on the build. */
public class RepositoryNotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public RepositoryNotFoundException(String message, String registry, String repository, int status, String code) {
        super(Reason.NOT_FOUND, message, registry, repository, status, code, null);
    }

    public RepositoryNotFoundException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.NOT_FOUND, message, registry, repository, status, code, cause);
    }
}
