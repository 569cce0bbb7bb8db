/**
 * Builds full Dockerfiles ({@code RUN} included) on a Docker Engine through its HTTP API, pushes,
 * loads and inspects images: {@link io.github.ecrtoolkit.docker.DockerEngine} to use it directly,
 * {@link io.github.ecrtoolkit.docker.DockerEngineBuilder} as the core's
 * {@link io.github.ecrtoolkit.core.build.ImageBuilder}.
 */
package io.github.ecrtoolkit.docker;
