/**
 * The local layer cache: a layer whose inputs and settings did not change is taken from disk,
 * neither tarred nor compressed again.
 */
package io.github.ecrtoolkit.core.cache;
