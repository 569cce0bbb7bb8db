/** Implementation of the layer package; not a public API. */
package io.github.ecrtoolkit.core.layer.internal;
