package io.github.ecrtoolkit.core.build.internal;

import java.util.Optional;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.cache.CachedLayer;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * One blob an image needs in the target: made locally, or a base layer living in a registry
 * (copied registry to registry, or mounted when it is the same registry).
 *
 * @param descriptor     what the manifest says about it
 * @param local          content on this machine, when made here
 * @param sourceClient   the registry holding a base layer
 * @param sourceRepository its repository there
 * @param rewrite        for a layer from the layer cache: writes it again when its cached bytes are wrong
 */
@InternalApi
public record BlobToPush(Descriptor descriptor, Optional<BlobSource> local, Optional<RegistryClient> sourceClient,
                         Optional<String> sourceRepository, Optional<Supplier<CachedLayer>> rewrite) {

    public static BlobToPush local(Descriptor descriptor, BlobSource source) {
        return new BlobToPush(descriptor, Optional.of(source), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A layer from the layer cache, which {@code rewrite} writes again should its blob be corrupt. */
    public static BlobToPush cached(Descriptor descriptor, CachedLayer layer, Supplier<CachedLayer> rewrite) {
        return new BlobToPush(descriptor, Optional.of(BlobSource.of(layer.blob())), Optional.empty(), Optional.empty(),
                Optional.of(rewrite));
    }

    public static BlobToPush remote(Descriptor descriptor, RegistryClient client, String repository) {
        return new BlobToPush(descriptor, Optional.empty(), Optional.of(client), Optional.of(repository), Optional.empty());
    }

    /** Opens the content: the local file, or a streaming GET from the source registry. */
    BlobSource source() {
        if (local.isPresent()) {
            return local.get();
        }
        RegistryClient client = sourceClient.orElseThrow();
        String repository = sourceRepository.orElseThrow();
        return new BlobSource() {
            @Override
            public java.io.InputStream open() {
                return client.openBlob(repository, descriptor.digest());
            }

            @Override
            public String describe() {
                return client.host() + "/" + repository;
            }
        };
    }
}
