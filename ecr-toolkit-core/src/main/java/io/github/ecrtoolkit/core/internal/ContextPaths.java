package io.github.ecrtoolkit.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a file named relative to a build context really is, and whether that is inside the
 * context: the Dockerfile and the ignore file are read only from there, as every source is, so a
 * symbolic link (or {@code ../}) cannot make a build read — and echo in an error — a file elsewhere.
 */
@InternalApi
public final class ContextPaths {

    private ContextPaths() {
    }

    /**
     * The real path (symbolic links followed) of {@code name} in {@code context} when it leaves the
     * context; empty when it stays inside or does not exist.
     */
    public static Optional<Path> escape(Path context, String name) {
        Path lexical = context.resolve(name).normalize();
        Path root = context.toAbsolutePath().normalize();
        if (!lexical.toAbsolutePath().normalize().startsWith(root)) {
            return Optional.of(lexical.toAbsolutePath());
        }
        try {
            Path real = lexical.toRealPath();
            return real.startsWith(context.toRealPath()) ? Optional.empty() : Optional.of(real);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException unreadable) {
            // a dangling link or a refused folder: whoever reads the file reports it
            return Files.isSymbolicLink(lexical) ? Optional.of(lexical) : Optional.empty();
        }
    }
}
