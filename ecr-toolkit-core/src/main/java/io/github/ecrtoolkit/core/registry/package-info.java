/**
 * Talking to OCI registries (ECR's registry endpoint included): the exceptions a push can end in.
 * The client itself lives in {@code internal}; users reach it through {@link io.github.ecrtoolkit.core.Registry}.
 */
package io.github.ecrtoolkit.core.registry;
