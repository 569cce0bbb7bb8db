package io.github.ecrtoolkit.core.build;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.FileErrors;

/**
 * A build cannot start or failed: a missing context or Dockerfile, an instruction no available builder
 * honours, a bad layer source. Its {@link #reason()} is {@link Reason#INVALID_INPUT} for a request that
 * cannot be built as given, and follows the cause for a file that could not be read or written.
 */
public class BuildException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(Reason.INVALID_INPUT, message);
    }

    public BuildException(String message, Throwable cause) {
        super(FileErrors.reason(cause, Reason.FAILED), message, cause);
    }

    public BuildException(Reason reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
