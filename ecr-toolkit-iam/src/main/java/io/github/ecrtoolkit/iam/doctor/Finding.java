package io.github.ecrtoolkit.iam.doctor;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of the doctor's report: what was checked, how it went, and what was found or what to do.
 *
 * @param topic what was checked, e.g. {@code region} or {@code registry 127.0.0.1:5000}
 * @param status how it went
 * @param detail what was found, and what to do when it is not OK; never a secret
 */
public record Finding(String topic, Status status, String detail) {

    /** How a check went. */
    public enum Status {
        OK,
        /** Works, but worth changing (long-lived keys, plain HTTP, a small clock skew). */
        WARN,
        /** Will not work as it is. */
        FAIL,
        /** Facts, or a check that could not run. */
        INFO
    }

    public Finding {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-4s %-28s %s", status, topic, detail);
    }
}
