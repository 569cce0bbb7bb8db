/** Implementation of the ECS deployer; not an API, may change in any release. */
package io.github.ecrtoolkit.ecs.internal;
