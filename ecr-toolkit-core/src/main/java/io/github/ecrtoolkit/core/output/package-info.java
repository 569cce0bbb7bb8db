/** Images written to files instead of a registry: a {@code docker load} tarball and an OCI image layout. */
package io.github.ecrtoolkit.core.output;
