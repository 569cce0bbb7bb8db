/** Implementation shared by the deployers; not an API, may change in any release. */
package io.github.ecrtoolkit.core.deploy.internal;
