package io.github.ecrtoolkit.core.build.internal;

/**
 * An assembled multi-platform image and the temporary folder its new layers live in; close after
 * pushing or writing.
 *
 * @param index     the images and their index
 * @param workspace where their layer blobs are
 */
public record IndexAssembly(AssembledIndex index, Workspace workspace) implements AutoCloseable {

    @Override
    public void close() {
        workspace.close();
    }
}
