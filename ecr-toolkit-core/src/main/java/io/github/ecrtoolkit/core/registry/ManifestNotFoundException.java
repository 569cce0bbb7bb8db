package io.github.ecrtoolkit.core.registry;

/** The image (tag or digest) is not in the repository (`MANIFEST_UNKNOWN`). */
public class ManifestNotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ManifestNotFoundException(String message, String registry, String repository, int status, String code) {
        super(Reason.NOT_FOUND, message, registry, repository, status, code, null);
    }

    public ManifestNotFoundException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.NOT_FOUND, message, registry, repository, status, code, cause);
    }
}
