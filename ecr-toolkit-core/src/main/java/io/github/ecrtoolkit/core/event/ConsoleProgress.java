package io.github.ecrtoolkit.core.event;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerMounted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerSkipped;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerStarted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWriteProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWritten;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayersPlanned;
import io.github.ecrtoolkit.core.event.ProgressEvent.ManifestPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.Retrying;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerCacheRepaired;
import io.github.ecrtoolkit.core.event.ProgressEvent.PlannedLayer;
import io.github.ecrtoolkit.core.image.Digest;

/**
 * Renders a push (and a deploy) for a person. On a terminal: one line per layer, labelled by its
 * Dockerfile instruction and in Dockerfile order, under them a bar over the total that is known up
 * front, all redrawn in place. Elsewhere (CI logs): the plan once, a line when a layer is written
 * or pushed, and the total at most every {@code interval}. Deploy events are lines with the time
 * since the renderer started.
 *
 * <pre>{@code
 * ConsoleProgress progress = ProgressListener.console();        // stderr; or ConsoleProgress.builder()
 * try {
 *     registry.build(dir).tag("app:1").listener(progress).push();
 * } finally {
 *     progress.finish();                                         // a failed push leaves the cursor below the bars
 * }
 * deployer.deploy(service, image, opts -> opts.listener(DeployListener.console()));
 * }</pre>
 *
 * <p>Thread-safe: events may come from any thread. One renderer per push.
 */
public final class ConsoleProgress implements ProgressListener, DeployListener {

    private static final int BAR = 24;

    private final LiveArea area;
    private final Duration interval;
    private final Clock clock;
    private final Instant started;
    private final List<LayerRow> rows = new ArrayList<>();
    private final Map<Digest, LayerRow> byDigest = new HashMap<>();
    private final Set<String> plannedLabels = new HashSet<>();
    private boolean planned;
    private boolean live;
    private Instant lastTotal;

    private ConsoleProgress(Builder b) {
        this.area = new LiveArea(b.output, b.terminal, b.width);
        this.interval = b.interval != null ? b.interval : b.terminal ? Duration.ofMillis(100) : Duration.ofSeconds(5);
        this.clock = b.clock;
        this.started = clock.instant();
        this.lastTotal = started;
    }

    /** On stderr, live when it is a terminal (see {@link Builder#terminal(boolean)}). */
    public static ConsoleProgress create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        if (event instanceof LayersPlanned e) {
            plan(e);
        } else if (event instanceof BuildStep e) {
            if (!plannedLabels.contains(e.message())) {
                line(e.message());
            }
        } else if (event instanceof LayerWriteProgress e) {
            LayerRow row = row(e.index());
            if (row != null && (row.phase == LayerRow.Phase.WAITING || row.phase == LayerRow.Phase.WRITING)) {
                row.phase = LayerRow.Phase.WRITING;
                row.written = e.bytesWritten();
                progressed();
            }
        } else if (event instanceof LayerWritten e) {
            LayerRow row = row(e.index());
            if (row != null) {
                row.blobSize = e.size();
                row.fromCache = e.fromCache();
                byDigest.put(e.digest(), row);
                if (!row.done() && row.phase != LayerRow.Phase.PUSHING) {
                    row.phase = LayerRow.Phase.WRITTEN;
                }
                milestone(row);
            }
        } else if (event instanceof LayerStarted e) {
            LayerRow row = rowFor(e.digest(), e.size());
            row.phase = LayerRow.Phase.PUSHING;
            row.blobSize = e.size();
            progressed();
        } else if (event instanceof LayerProgress e) {
            LayerRow row = rowFor(e.digest(), e.size());
            if (!row.done()) {
                row.phase = LayerRow.Phase.PUSHING;
                row.blobSize = e.size();
                row.sent = e.bytesSent();
                progressed();
            }
        } else if (event instanceof LayerSkipped e) {
            finished(rowFor(e.digest(), e.size()), LayerRow.Phase.PRESENT, e.size());
        } else if (event instanceof LayerMounted e) {
            LayerRow row = rowFor(e.digest(), e.size());
            row.mountedFrom = e.fromRepository();
            finished(row, LayerRow.Phase.MOUNTED, e.size());
        } else if (event instanceof LayerPushed e) {
            LayerRow row = rowFor(e.digest(), e.size());
            row.sent = e.bytesSent();
            finished(row, LayerRow.Phase.PUSHED, e.size());
        } else if (event instanceof ManifestPushed e) {
            finish();
            area.line("manifest " + e.reference() + " -> " + e.digest());
        } else if (event instanceof Retrying e) {
            // what the push waits for, so that a slow registry never looks like a hang
            line(String.format(Locale.ROOT, "retrying in %.1fs (attempt %d of %d): %s", e.delay().toMillis() / 1000.0, e.attempt(),
                    e.attempts(), e.reason()));
        } else if (event instanceof LayerCacheRepaired e) {
            line("layer cache: " + e.detail() + " (" + e.digest() + "), written again");
        } else {
            // an event this renderer has no layout for yet (a retry, say) is still worth a line
            line(event.toString());
        }
    }

    /** A deploy event: a line with the seconds since this renderer started. */
    @Override
    public synchronized void onEvent(DeployEvent event) {
        line(String.format(Locale.ROOT, "[%6.1fs] %s", elapsed().toMillis() / 1000.0, event.message()));
    }

    /**
     * Ends the live part: the layer lines and the bar stay as last drawn, and what is written next
     * starts below them. Called by the first {@link ManifestPushed}; call it yourself when a push fails.
     */
    public synchronized void finish() {
        if (live) {
            area.show(block());
            area.keep();
            live = false;
        }
    }

    private void plan(LayersPlanned e) {
        planned = true;
        for (PlannedLayer layer : e.layers()) {
            LayerRow row = new LayerRow(label(layer.index(), e.layers().size(), layer.label()), layer.size(), layer.isBase());
            rows.add(row);
            plannedLabels.add(layer.label());
            layer.digest().ifPresent(d -> byDigest.put(d, row));
        }
        if (area.isTerminal()) {
            live = true;
            area.show(block());
        } else {
            area.line(e.layers().size() + " layers, " + LayerRow.mib(e.totalBytes()) + ":");
            for (LayerRow row : rows) {
                area.line("  " + row.label + " (" + LayerRow.human(row.size) + ")");
            }
        }
    }

    private static String label(int index, int count, String text) {
        return "[" + (index + 1) + "/" + count + "] " + text;
    }

    private LayerRow row(int index) {
        return index >= 0 && index < rows.size() ? rows.get(index) : null;
    }

    /** The row of a blob; a new one for a blob no plan announced (a build on a Docker Engine). */
    private LayerRow rowFor(Digest digest, long size) {
        return byDigest.computeIfAbsent(digest, d -> {
            LayerRow row = new LayerRow("layer " + d.algorithm() + ":" + d.hex().substring(0, 12), size, true);
            rows.add(row);
            if (area.isTerminal()) {
                live = true;
            }
            return row;
        });
    }

    private void finished(LayerRow row, LayerRow.Phase phase, long blobSize) {
        if (row.done()) {
            return;
        }
        row.phase = phase;
        row.blobSize = blobSize;
        milestone(row);
    }

    /** A layer reached a step worth a line of its own in a log; on a terminal, its row changes now. */
    private void milestone(LayerRow row) {
        if (area.isTerminal()) {
            redraw();
        } else {
            area.line(row.label + ": " + row.status());
        }
    }

    /** Bytes moved: on a terminal a redraw, in a log the total, each at most once per interval. */
    private void progressed() {
        Instant now = clock.instant();
        if (Duration.between(lastTotal, now).compareTo(interval) < 0) {
            return;
        }
        lastTotal = now;
        if (area.isTerminal()) {
            redraw();
        } else {
            area.line(total());
        }
    }

    private void line(String text) {
        area.line(text);
        redraw();
    }

    private void redraw() {
        if (live) {
            area.show(block());
        }
    }

    private List<String> block() {
        List<String> block = new ArrayList<>();
        int labelWidth = rows.stream().mapToInt(r -> r.label.length()).max().orElse(0);
        labelWidth = Math.min(labelWidth, 48);
        for (LayerRow row : rows) {
            String label = row.label.length() <= labelWidth ? row.label : row.label.substring(0, labelWidth - 1) + "…";
            block.add(String.format(Locale.ROOT, "%-" + labelWidth + "s  %s", label, row.status()));
        }
        block.add(total());
        return block;
    }

    /** {@code [#####-----]  45%  103.5 of 230.0 MiB  2/5 layers  12.3s}. */
    private String total() {
        long total = 0;
        double done = 0;
        int finished = 0;
        for (LayerRow row : rows) {
            total += Math.max(0, row.size);
            done += Math.max(0, row.size) * row.fraction();
            finished += row.done() ? 1 : 0;
        }
        double fraction = total > 0 ? done / total : rows.isEmpty() ? 0 : (double) finished / rows.size();
        int filled = (int) Math.round(BAR * fraction);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s of %s  %d/%d layers  %.1fs", "#".repeat(filled), "-".repeat(BAR - filled),
                (int) Math.floor(100 * fraction), LayerRow.mib((long) done).replace(" MiB", ""), LayerRow.mib(total), finished,
                rows.size(), elapsed().toMillis() / 1000.0);
    }

    private Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /** Where and how to render. Not thread-safe. */
    public static final class Builder {
        private Appendable output = System.err;
        private boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        private int width = 100;
        private Duration interval;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where to write: a {@link PrintStream}, a {@link java.io.Writer}, a {@link StringBuilder}; flushed after each write. */
        public Builder output(Appendable value) {
            this.output = Objects.requireNonNull(value, "output");
            return this;
        }

        /**
         * Whether {@code output} is a terminal: live lines redrawn in place, else plain lines. Default:
         * whether the JVM has a console (stdin and stdout are terminals) and {@code TERM} is not {@code dumb}.
         */
        public Builder terminal(boolean value) {
            this.terminal = value;
            return this;
        }

        /** Columns of the terminal; longer lines are cut so none wraps (default 100). */
        public Builder width(int value) {
            this.width = value;
            return this;
        }

        /** How often byte counts are shown (default 100 ms on a terminal, 5 s in logs). */
        public Builder interval(Duration value) {
            this.interval = Objects.requireNonNull(value, "interval");
            return this;
        }

        /** The clock for elapsed times and the interval (tests). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ConsoleProgress build() {
            return new ConsoleProgress(this);
        }
    }
}
