/** Image references, digests, platforms, and the OCI / Docker v2.2 image model written as byte-stable JSON. */
package io.github.ecrtoolkit.core.image;
