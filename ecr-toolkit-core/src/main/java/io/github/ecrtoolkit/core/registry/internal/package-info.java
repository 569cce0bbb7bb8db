/** The OCI distribution client: auth, retries, the in-flight cap and uploads, in one place. Not API. */
package io.github.ecrtoolkit.core.registry.internal;
