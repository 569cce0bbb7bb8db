/**
 * The {@link io.github.ecrtoolkit.core.build.ImageBuilder} SPI and the daemonless builder: a
 * context folder becomes an image in a registry.
 */
package io.github.ecrtoolkit.core.build;
