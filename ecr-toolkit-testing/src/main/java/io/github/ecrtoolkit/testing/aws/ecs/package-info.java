/**
 * The ECS stand-in: clusters, task definition revisions, services whose deployments progress as
 * they are polled and can be scripted to fail, tasks, Express Mode services, tags.
 */
package io.github.ecrtoolkit.testing.aws.ecs;
