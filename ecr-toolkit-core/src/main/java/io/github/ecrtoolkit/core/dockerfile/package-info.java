/**
 * Daemonless Dockerfile support: {@link io.github.ecrtoolkit.core.dockerfile.Dockerfile} parses,
 * {@link io.github.ecrtoolkit.core.dockerfile.DockerfilePlanner} turns the instructions a
 * registry-only build can honour (FROM, COPY/ADD of local files, and the configuration
 * instructions) into a {@link io.github.ecrtoolkit.core.dockerfile.BuildPlan}: base image, layers,
 * container configuration and history. {@code RUN} and the like fail with a
 * {@link io.github.ecrtoolkit.core.dockerfile.DockerfileException} that points to the Docker
 * Engine builder.
 */
package io.github.ecrtoolkit.core.dockerfile;
