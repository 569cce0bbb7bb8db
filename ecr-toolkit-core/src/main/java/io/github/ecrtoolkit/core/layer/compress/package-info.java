/**
 * Layer compression: gzip split across cores into one standard stream, or zstd, on a shared
 * {@link io.github.ecrtoolkit.core.layer.compress.CompressionPool}.
 */
package io.github.ecrtoolkit.core.layer.compress;
