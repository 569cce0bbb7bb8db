package io.github.ecrtoolkit.core.image;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * An image reference, digest or platform string that does not follow the grammar; the message says
 * which part. Always {@link Reason#INVALID_INPUT}.
 */
public class InvalidReferenceException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String message) {
        super(Reason.INVALID_INPUT, message);
    }
}
