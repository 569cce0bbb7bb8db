package io.github.ecrtoolkit.core.registry;

/** The repository's tags are immutable and the tag already names a different image (`TAG_INVALID`): push under a new tag. */
public class ImmutableTagException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ImmutableTagException(String message, String registry, String repository, int status, String code) {
        super(Reason.CONFLICT, message, registry, repository, status, code, null);
    }

    public ImmutableTagException(String message, String registry, String repository, int status, String code, Throwable cause) {
        super(Reason.CONFLICT, message, registry, repository, status, code, cause);
    }
}
