/** Implementation of the EKS deployer; not an API, may change in any release. */
package io.github.ecrtoolkit.eks.internal;
