package io.github.ecrtoolkit.core.event;

import java.util.Locale;

/** What a renderer knows of one layer: where it stands, and how to say it in one line. */
final class LayerRow {

    enum Phase { WAITING, WRITING, WRITTEN, PUSHING, PUSHED, PRESENT, MOUNTED }

    final String label;
    final long size;
    final boolean base;
    Phase phase = Phase.WAITING;
    long written;
    long blobSize = -1;
    long sent;
    boolean fromCache;
    String mountedFrom;

    /**
     * @param size the plan's size: content bytes of a new layer, the blob's bytes of a base layer
     * @param base whether it is only pushed (a base layer, or a layer of a build without a plan)
     */
    LayerRow(String label, long size, boolean base) {
        this.label = label;
        this.size = size;
        this.base = base;
    }

    boolean done() {
        return phase == Phase.PUSHED || phase == Phase.PRESENT || phase == Phase.MOUNTED;
    }

    /** From 0 to 1: a new layer's writing (where the time goes: compression) is the first half, its upload the second. */
    double fraction() {
        if (done()) {
            return 1;
        }
        double upload = phase == Phase.PUSHING && blobSize > 0 ? Math.min(1, (double) sent / blobSize) : 0;
        if (base) {
            return upload;
        }
        return switch (phase) {
            case WRITING -> size > 0 ? 0.5 * Math.min(1, (double) written / size) : 0;
            case WRITTEN -> 0.5;
            case PUSHING -> 0.5 + 0.5 * upload;
            default -> 0;
        };
    }

    /** What it is doing, e.g. {@code writing 45% of 230.0 MiB} or {@code pushed 95.1 MiB}. */
    String status() {
        return switch (phase) {
            case WAITING -> base ? "waiting" : "waiting (" + human(size) + ")";
            case WRITING -> "writing " + percent(written, size) + " of " + human(size);
            case WRITTEN -> fromCache ? "unchanged (layer cache), " + human(blobSize) : "written, " + human(blobSize) + " compressed";
            case PUSHING -> "pushing " + percent(sent, blobSize) + " of " + human(blobSize);
            case PUSHED -> "pushed " + human(blobSize) + (fromCache ? " (from the layer cache)" : "");
            case PRESENT -> "already in the registry";
            case MOUNTED -> "mounted from " + mountedFrom;
        };
    }

    static String percent(long part, long whole) {
        return (whole <= 0 ? 100 : Math.min(100, 100 * part / whole)) + "%";
    }

    /** {@code 512 B}, {@code 3.4 KiB}, {@code 12.0 MiB}, {@code 1.2 GiB}. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return Math.max(0, bytes) + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return mib(bytes);
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", Math.max(0, bytes) / 1048576.0);
    }
}
