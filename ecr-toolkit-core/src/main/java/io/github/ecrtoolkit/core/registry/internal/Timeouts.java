package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each network wait of a registry client may last before it counts as a transient
 * failure (and is retried as one).
 *
 * @param connect  opening a connection, TLS handshake included
 * @param response the registry's answer after a request was sent, and each read of a download
 * @param stall    an upload making no progress (the registry stopped reading)
 */
public record Timeouts(Duration connect, Duration response, Duration stall) {

    /** 10 s to connect, 60 s for an answer or the next bytes of a download, 30 s of a stalled upload. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));

    public Timeouts {
        positive(Objects.requireNonNull(connect, "connect"), "connect");
        positive(Objects.requireNonNull(response, "response"), "response");
        positive(Objects.requireNonNull(stall, "stall"), "stall");
    }

    private static void positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " timeout must be positive, got " + value);
        }
    }

    /** {@code 10 s}, {@code 1.5 s}, {@code 2 min}: for messages. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 120_000) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
