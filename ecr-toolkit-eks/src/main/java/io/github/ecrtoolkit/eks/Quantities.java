package io.github.ecrtoolkit.eks;

/** Kubernetes resource quantities ({@code 250m}, {@code 1}, {@code 512Mi}), checked before any call. */
final class Quantities {

    private Quantities() {
    }

    static String check(String what, String value) {
        if (value == null || !value.matches("\\d+(\\.\\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?")) {
            throw new IllegalArgumentException("invalid " + what + " '" + value
                    + "': use Kubernetes quantities such as 250m, 1, 512Mi, 2Gi");
        }
        return value;
    }
}
