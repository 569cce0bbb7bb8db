/**
 * Rolling an image out: the {@link io.github.ecrtoolkit.core.deploy.Deployer} SPI that the ECS
 * deployer (module {@code ecr-toolkit-ecs}) and the EKS deployer (module {@code ecr-toolkit-eks})
 * implement, and the typed, truthful {@link io.github.ecrtoolkit.core.deploy.DeployResult}.
 */
package io.github.ecrtoolkit.core.deploy;
