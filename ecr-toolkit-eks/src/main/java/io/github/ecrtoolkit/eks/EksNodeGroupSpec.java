package io.github.ecrtoolkit.eks;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A managed node group: the EC2 workers of a cluster that is not in Auto Mode.
 *
 * <pre>{@code
 * EksClusterSpec spec = EksClusterSpec.builder("shop").managedNodeGroup("workers", "t3.medium", 1, 2, 4).build();
 * }</pre>
 *
 * @param name the node group name
 * @param instanceType the EC2 instance type, such as {@code t3.medium}
 * @param minSize the fewest nodes
 * @param desiredSize the nodes wanted now
 * @param maxSize the most nodes
 */
public record EksNodeGroupSpec(String name, String instanceType, int minSize, int desiredSize, int maxSize) {

    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,62}");

    /** @throws IllegalArgumentException when a name is invalid or not {@code 0 <= min <= desired <= max}, {@code max >= 1} */
    public EksNodeGroupSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceType, "instanceType");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid node group name '" + name
                    + "': 1 to 63 letters, digits, '-' or '_', starting with a letter or digit");
        }
        if (!instanceType.matches("[a-z0-9-]+\\.[a-z0-9]+")) {
            throw new IllegalArgumentException("invalid EC2 instance type '" + instanceType + "', such as t3.medium");
        }
        checkSizes(minSize, desiredSize, maxSize);
    }

    static void checkSizes(int min, int desired, int max) {
        if (min < 0 || max < 1 || min > desired || desired > max) {
            throw new IllegalArgumentException("node group sizes must satisfy 0 <= min <= desired <= max and max >= 1; got min "
                    + min + ", desired " + desired + ", max " + max);
        }
    }
}
