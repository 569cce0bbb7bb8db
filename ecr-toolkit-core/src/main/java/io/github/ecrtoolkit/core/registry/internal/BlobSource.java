package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ecrtoolkit.core.internal.InternalApi;

/** Content that can be opened again for each attempt: a local file, or a blob streamed from another registry. */
@InternalApi
@FunctionalInterface
public interface BlobSource {

    InputStream open() throws IOException;

    /** Where the bytes come from, for messages. */
    default String describe() {
        return "the blob's source";
    }

    static BlobSource of(Path file) {
        return new BlobSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String describe() {
                return file.toString();
            }
        };
    }

    static BlobSource of(byte[] bytes) {
        return () -> new java.io.ByteArrayInputStream(bytes);
    }
}
