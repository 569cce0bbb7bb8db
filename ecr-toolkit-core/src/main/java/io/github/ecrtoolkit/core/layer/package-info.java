/**
 * Reproducible image layers: what goes into a layer ({@link io.github.ecrtoolkit.core.layer.LayerSpec}),
 * which context files are ignored ({@link io.github.ecrtoolkit.core.layer.DockerIgnore}), and the
 * one-pass tar + gzip + hash writer ({@link io.github.ecrtoolkit.core.layer.LayerBlobWriter}).
 *
 * <p>Same input, same bytes: entries sorted, parents present, fixed times, uid/gid 0 with empty
 * names, normalised modes that keep the executable bit, a gzip header without time or OS.
 */
package io.github.ecrtoolkit.core.layer;
