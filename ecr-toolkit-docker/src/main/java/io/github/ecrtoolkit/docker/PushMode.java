package io.github.ecrtoolkit.docker;

/**
 * How an image built on the engine reaches the registry. Both give the same {@link io.github.ecrtoolkit.core.PushResult}
 * shape; the digests differ because each compresses the layers its own way.
 */
public enum PushMode {
    /** The engine pushes ({@code POST /images/{name}/push}); it remembers which layers a registry has. */
    ENGINE,
    /**
     * The image is exported from the engine ({@code GET /images/{name}/get}) and pushed by this
     * library's registry client: layers compressed concurrently, remembered by diff id.
     */
    EXPORT
}
