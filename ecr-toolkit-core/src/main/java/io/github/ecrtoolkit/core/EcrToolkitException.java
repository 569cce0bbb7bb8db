package io.github.ecrtoolkit.core;

/**
 * Root of every exception this library throws. Unchecked, like the AWS SDK's.
 *
 * <p>Subclasses carry the context a caller needs to act (registry, repository, tag, cluster,
 * service) and their messages say what to do next. No message, and no {@code toString()},
 * ever contains a secret.
 */
public class EcrToolkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EcrToolkitException(String message) {
        super(message);
    }

    public EcrToolkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
