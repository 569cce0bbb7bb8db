/** Amazon ECR: registry credentials from {@code GetAuthorizationToken} and repositories created on request. */
package io.github.ecrtoolkit.core.ecr;
