/** JSON written without a JSON library, byte for byte as the shared Jackson mapper writes it. Not API. */
package io.github.ecrtoolkit.core.image.internal;
