/** Implementation of the Dockerfile package; not a public API. */
package io.github.ecrtoolkit.core.dockerfile.internal;
