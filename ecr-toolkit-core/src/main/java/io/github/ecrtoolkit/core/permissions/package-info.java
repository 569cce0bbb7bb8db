/**
 * The IAM permissions each capability of the toolkit needs, as data: {@link
 * io.github.ecrtoolkit.core.permissions.Permissions#policy} writes the least-privilege policy
 * document for a {@link io.github.ecrtoolkit.core.permissions.Capability}, scoped to the resources
 * a {@link io.github.ecrtoolkit.core.permissions.PermissionScope} names. Module
 * {@code ecr-toolkit-iam} checks a principal against the same table before anything changes.
 */
package io.github.ecrtoolkit.core.permissions;
