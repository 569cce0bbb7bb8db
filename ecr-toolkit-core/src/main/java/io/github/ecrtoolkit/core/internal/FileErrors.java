package io.github.ecrtoolkit.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;

/** What a failure reading or writing local files means, for the build, layer and cache exceptions. */
public final class FileErrors {

    private FileErrors() {
    }

    /**
     * {@link Reason#NOT_FOUND} for a missing file, {@link Reason#ACCESS_DENIED} for a refused one,
     * {@link Reason#FAILED} for another I/O failure, {@link Reason#INVALID_INPUT} for a value that
     * does not parse, and {@code otherwise} for anything else (or no cause).
     */
    public static Reason reason(Throwable cause, Reason otherwise) {
        Throwable t = cause instanceof UncheckedIOException unchecked && unchecked.getCause() != null
                ? unchecked.getCause() : cause;
        if (t instanceof NoSuchFileException) {
            return Reason.NOT_FOUND;
        }
        if (t instanceof AccessDeniedException) {
            return Reason.ACCESS_DENIED;
        }
        if (t instanceof IOException) {
            return Reason.FAILED;
        }
        if (t instanceof IllegalArgumentException) {
            return Reason.INVALID_INPUT;
        }
        return otherwise;
    }
}
