package io.github.ecrtoolkit.eks;

import java.time.Duration;
import java.util.Objects;

/** Time limits and poll intervals given to the builders, checked before any call. */
final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code value} is zero or negative */
    static Duration positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
