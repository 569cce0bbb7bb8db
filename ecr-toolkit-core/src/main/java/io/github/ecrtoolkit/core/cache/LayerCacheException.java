package io.github.ecrtoolkit.core.cache;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.FileErrors;
import java.nio.file.Path;

/**
 * The layer cache folder could not be used; the message names it and what to do. Its
 * {@link #reason()} follows the cause ({@link Reason#ACCESS_DENIED} for a refused folder, else
 * {@link Reason#FAILED}).
 */
public final class LayerCacheException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;
    private final transient Path folder;

    public LayerCacheException(Path folder, String message, Throwable cause) {
        super(FileErrors.reason(cause, Reason.FAILED), message + " (layer cache " + folder + "); check the folder's "
                + "permissions and free space, or point the cache elsewhere with LayerCache.at(..) or "
                + "ECR_TOOLKIT_CACHE", cause);
        this.folder = folder;
    }

    /** The cache folder concerned. */
    public Path folder() {
        return folder;
    }
}
