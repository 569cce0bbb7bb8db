/**
 * First steps on an AWS account: {@link io.github.ecrtoolkit.iam.Preflight} asks IAM's policy
 * simulator whether the caller may do what a capability needs before anything changes, and
 * {@link io.github.ecrtoolkit.iam.PolicySetup} creates the least-privilege policy and attaches it to
 * a user, group or role. The doctor report lives in {@code io.github.ecrtoolkit.iam.doctor}.
 */
package io.github.ecrtoolkit.iam;
