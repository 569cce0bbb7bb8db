package io.github.ecrtoolkit.core.build;

import io.github.ecrtoolkit.core.EcrToolkitException;

/** A build cannot start or failed: a missing context or Dockerfile, an instruction no available builder honours, a bad layer source. */
public class BuildException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
