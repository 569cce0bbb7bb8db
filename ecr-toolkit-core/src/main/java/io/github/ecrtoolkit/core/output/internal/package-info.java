/** Images written to files instead of a registry: a {@code docker load} tarball and an OCI image layout. Not API: see {@code ImageBuild.writeTarball} and {@code writeOciLayout}. */
package io.github.ecrtoolkit.core.output.internal;
