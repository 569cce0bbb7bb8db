/**
 * Rolling an image out to Amazon ECS (module {@code ecr-toolkit-ecs}):
 * {@link io.github.ecrtoolkit.ecs.EcsDeployer} registers a new task definition revision, updates the
 * service, watches the deployment by its id and returns a truthful
 * {@link io.github.ecrtoolkit.ecs.EcsDeployResult}; it also runs one-off tasks.
 * {@link io.github.ecrtoolkit.ecs.EcsServices} takes an image from an empty account to a running
 * service described by an {@link io.github.ecrtoolkit.ecs.EcsServiceSpec} (cluster, capacities,
 * networking, roles, logs, or ECS Express Mode), scales it, reports its status and tears it down.
 */
package io.github.ecrtoolkit.ecs;
