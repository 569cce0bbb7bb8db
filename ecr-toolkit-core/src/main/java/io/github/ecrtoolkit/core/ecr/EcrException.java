package io.github.ecrtoolkit.core.ecr;

import io.github.ecrtoolkit.core.EcrToolkitException;

/** An ECR API call failed; the message names the call, the region and what to check. */
public class EcrException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public EcrException(String message, Throwable cause) {
        super(message, cause);
    }
}
