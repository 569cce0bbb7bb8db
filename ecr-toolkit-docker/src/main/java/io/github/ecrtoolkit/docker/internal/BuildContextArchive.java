package io.github.ecrtoolkit.docker.internal;

import java.io.OutputStream;
import java.nio.file.Path;

import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * The build context as the engine receives it from the Docker CLI: the context folder's files with
 * their modes, modification times and hard links, with {@code .dockerignore} (or {@code <Dockerfile>.dockerignore}) applied by Docker's rules. The
 * Dockerfile and the ignore file always go along, as the Docker CLI sends them.
 */
final class BuildContextArchive {

    /** As the Docker CLI sends a context: each file's own modification time and permission bits, owner 0:0. */
    private static final LayerBlobWriter TAR = LayerBlobWriter.builder().sourceModificationTimes(true).build();

    private BuildContextArchive() {
    }

    /**
     * Writes the context tar to {@code out}.
     *
     * @throws io.github.ecrtoolkit.core.layer.LayerException when a file cannot be read, a link
     *         leaves the context, or the ignore file holds a bad pattern
     */
    static void write(Path context, String dockerfile, OutputStream out) {
        TAR.writeTar(spec(context, dockerfile), out);
    }

    /** The digest of the tar {@link #write} sends: the same files and rules give the same digest. */
    static String digest(Path context, String dockerfile) {
        return TAR.writeTar(spec(context, dockerfile), OutputStream.nullOutputStream()).diffId();
    }

    private static LayerSpec spec(Path context, String dockerfile) {
        DockerIgnore ignore = DockerIgnore.load(context, dockerfile)
                .withExceptions(dockerfile, ".dockerignore", dockerfile + ".dockerignore");
        // a link out of the context travels as a link, as the Docker CLI sends it; its target is never read
        return LayerSpec.builder().context(context).ignore(ignore).keepLinksLeavingContext(true).modesFromDisk(true)
                .description("build context")
                .add(context, "/").build();
    }
}
