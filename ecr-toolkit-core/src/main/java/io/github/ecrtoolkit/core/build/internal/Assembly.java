package io.github.ecrtoolkit.core.build.internal;

/**
 * An assembled image and the temporary folder its new layers live in; close after pushing or writing.
 *
 * @param image     the image
 * @param workspace where its layer blobs are
 */
public record Assembly(AssembledImage image, Workspace workspace) implements AutoCloseable {

    @Override
    public void close() {
        workspace.close();
    }
}
