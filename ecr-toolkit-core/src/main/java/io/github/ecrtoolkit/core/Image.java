package io.github.ecrtoolkit.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Images built without a registry to push to: written as a {@code docker load} tarball, an OCI
 * image layout, or loaded straight into a Docker Engine. Base images are still read from their
 * registry (only what the build needs); nothing is pushed.
 *
 * <pre>{@code
 * Image.build(Path.of("orders-service")).tag("orders:dev").writeTarball(Path.of("orders.tar"));  // docker load -i orders.tar
 * Image.build(Path.of("orders-service")).tag("orders:dev").writeOciLayout(Path.of("oci"));
 * Image.build(Path.of("orders-service")).tag("orders:dev").loadInto(dockerEngine);             // docker run orders:dev
 * Image.options().allowInsecureLoopback(true).build(dir)…                                      // base image on a local registry
 * }</pre>
 *
 * <p>Tags name the image as {@code docker images} will show it: {@code orders:dev}, or with a
 * registry host {@code registry.example.com/orders:dev}. {@link ImageBuild#push()} is refused: use
 * {@link Registry#build(Path)} to push.
 */
public final class Image {

    private Image() {
    }

    /** A build of the folder {@code context}: its Dockerfile, or (without one) layers set in code. */
    public static ImageBuild build(Path context) {
        return options().build(context);
    }

    /** An image made only in code ({@code from}, {@code layer}, {@code entrypoint}, …), no context folder. */
    public static ImageBuild create() {
        return options().create();
    }

    /** For base images that need credentials or live on a plain-HTTP registry on loopback. */
    public static Options options() {
        return new Options();
    }

    /** Where base images come from. Not thread-safe. */
    public static final class Options {
        private Function<String, RegistryCredentials> baseImageCredentials = host -> RegistryCredentials.anonymous();
        private boolean insecureLoopback;

        private Options() {
        }

        /** Credentials for the registries base images come from (default anonymous). */
        public Options baseImageCredentials(Function<String, RegistryCredentials> byHost) {
            this.baseImageCredentials = Objects.requireNonNull(byHost, "byHost");
            return this;
        }

        /** Allows plain HTTP to base images' registries on loopback (localhost, 127.x, [::1]); others always use TLS. */
        public Options allowInsecureLoopback(boolean value) {
            this.insecureLoopback = value;
            return this;
        }

        public ImageBuild build(Path context) {
            return new ImageBuild(this, Objects.requireNonNull(context, "context"));
        }

        public ImageBuild create() {
            return new ImageBuild(this, null);
        }

        Function<String, RegistryCredentials> baseImageCredentials() {
            return baseImageCredentials;
        }

        boolean insecureLoopback() {
            return insecureLoopback;
        }
    }
}
