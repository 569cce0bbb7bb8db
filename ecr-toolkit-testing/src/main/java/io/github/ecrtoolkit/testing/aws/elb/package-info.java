/** The Elastic Load Balancing (v2) stand-in: load balancers, target groups and the listeners between them. */
package io.github.ecrtoolkit.testing.aws.elb;
