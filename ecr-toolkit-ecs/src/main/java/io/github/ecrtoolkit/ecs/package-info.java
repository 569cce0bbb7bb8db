/**
 * Rolling an image out to Amazon ECS (module {@code ecr-toolkit-ecs}):
 * {@link io.github.ecrtoolkit.ecs.EcsDeployer} registers a new task definition revision, updates the
 * service, watches the deployment by its id and returns a truthful
 * {@link io.github.ecrtoolkit.ecs.EcsDeployResult}; it also runs one-off tasks.
 */
package io.github.ecrtoolkit.ecs;
