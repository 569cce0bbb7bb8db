package io.github.ecrtoolkit.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started on another thread, and throwing what it failed with as it was thrown. */
public final class Futures {

    private Futures() {
    }

    /**
     * The value of {@code future}; a runtime exception or {@link Error} (such as
     * {@link OutOfMemoryError}) it failed with is thrown as itself, an {@link IOException} as an
     * {@link UncheckedIOException}.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }
}
