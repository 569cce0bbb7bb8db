/**
 * A stateful stand-in for the AWS APIs, for tests of code that deploys: {@link
 * io.github.ecrtoolkit.testing.aws.AwsStandIn} as a JUnit 5 extension, one {@link
 * io.github.ecrtoolkit.testing.aws.ServiceStandIn} per service.
 */
package io.github.ecrtoolkit.testing.aws;
