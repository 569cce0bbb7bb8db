package io.github.ecrtoolkit.testing;

import java.nio.file.Path;

/**
 * umoci, an OCI image layout reader that shares nothing with skopeo or this library; a test asks for
 * it as a parameter, like the other services.
 *
 * @param binary the executable
 */
public record Umoci(Path binary) {

    @Override
    public String toString() {
        return binary.toString();
    }
}
