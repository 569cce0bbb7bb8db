package io.github.ecrtoolkit.core.layer.compress;

import io.github.ecrtoolkit.core.EcrToolkitException;

/** A compression was asked for whose library is missing or cannot load on this platform: {@link Reason#UNSUPPORTED}. */
public final class CompressionUnavailableException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    public CompressionUnavailableException(String message, Throwable cause) {
        super(Reason.UNSUPPORTED, message, cause);
    }
}
