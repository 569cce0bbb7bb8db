package io.github.ecrtoolkit.core.cache.internal;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.cache.CachedLayer;

/**
 * A layer ready to push, and how to write it again when its cached blob turns out not to match
 * its digest (found while uploading it).
 *
 * @param layer   the cached layer
 * @param rewrite evicts the corrupt entry and writes the layer anew; returns the new entry
 */
public record WrittenLayer(CachedLayer layer, Supplier<CachedLayer> rewrite) {

    public WrittenLayer {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(rewrite, "rewrite");
    }
}
