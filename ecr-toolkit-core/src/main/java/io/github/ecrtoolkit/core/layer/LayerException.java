package io.github.ecrtoolkit.core.layer;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.FileErrors;

/**
 * A layer could not be made from the given files: a source is missing, a path or symbolic link
 * leaves the build context, a file is of a kind a layer cannot hold, or reading/writing failed.
 * The message names the paths involved and what to change. Its {@link #reason()} is
 * {@link Reason#INVALID_INPUT} for files that cannot go into a layer as given, and follows the
 * cause for a file that could not be read or written ({@link Reason#NOT_FOUND} when missing).
 */
public class LayerException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public LayerException(String message) {
        super(Reason.INVALID_INPUT, message);
    }

    public LayerException(String message, Throwable cause) {
        super(FileErrors.reason(cause, Reason.FAILED), message, cause);
    }

    public LayerException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
