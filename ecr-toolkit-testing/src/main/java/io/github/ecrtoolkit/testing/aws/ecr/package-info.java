/** The Amazon ECR API stand-in: authorization tokens that name a real registry on loopback. */
package io.github.ecrtoolkit.testing.aws.ecr;
