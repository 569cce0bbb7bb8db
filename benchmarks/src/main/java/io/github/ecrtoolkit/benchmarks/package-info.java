/** Build-and-push benchmark: ecr-toolkit against jib-core on the same input and registry. */
package io.github.ecrtoolkit.benchmarks;
