/** Putting images together (base, layers, config, history) and pushing them blob by blob, manifest last. Not API. */
package io.github.ecrtoolkit.core.build.internal;
