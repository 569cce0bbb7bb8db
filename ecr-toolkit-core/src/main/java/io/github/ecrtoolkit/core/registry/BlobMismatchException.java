package io.github.ecrtoolkit.core.registry;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.image.Digest;

/**
 * A blob's bytes did not match its digest while they streamed to the registry, so the upload was
 * broken off before the registry stored anything. A layer from the layer cache is rewritten and
 * pushed again on its own (a {@code LayerCacheRepaired} event says so); this reaches the caller
 * only when that is impossible. {@link #reason()} is {@link Reason#FAILED}.
 */
public final class BlobMismatchException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;
    private final transient Digest expected;
    private final transient Digest actual;

    public BlobMismatchException(String message, Digest expected, Digest actual) {
        super(Reason.FAILED, message);
        this.expected = expected;
        this.actual = actual;
    }

    /** The digest the blob was pushed under. */
    public Digest expected() {
        return expected;
    }

    /** The digest of the bytes that were read. */
    public Digest actual() {
        return actual;
    }
}
