/** Typed progress events of a build and push, and the {@link io.github.ecrtoolkit.core.event.ProgressListener} that receives them. */
package io.github.ecrtoolkit.core.event;
