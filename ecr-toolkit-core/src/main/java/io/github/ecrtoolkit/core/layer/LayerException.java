package io.github.ecrtoolkit.core.layer;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A layer could not be made from the given files: a source is missing, a path or symbolic link
 * leaves the build context, a file is of a kind a layer cannot hold, or reading/writing failed.
 * The message names the paths involved and what to change.
 */
public class LayerException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
