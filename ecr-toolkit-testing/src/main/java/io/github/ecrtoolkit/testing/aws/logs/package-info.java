/** The CloudWatch Logs stand-in: log groups with their retention and tags. */
package io.github.ecrtoolkit.testing.aws.logs;
