/** Implementation of the pre-flight, policy set-up and doctor; not API. */
package io.github.ecrtoolkit.iam.internal;
