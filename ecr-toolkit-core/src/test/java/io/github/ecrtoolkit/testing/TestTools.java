package io.github.ecrtoolkit.testing;

import java.nio.file.Path;

/**
 * Command-line tools the tests use as independent clients or tiny bases.
 *
 * @param busybox a statically linked busybox: copied into {@code FROM scratch} images it makes
 *                them runnable
 * @param skopeo  reads back what the library pushed, without sharing any of its code
 */
public record TestTools(Path busybox, Path skopeo) {
}
