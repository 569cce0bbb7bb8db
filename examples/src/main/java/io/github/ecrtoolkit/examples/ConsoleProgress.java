package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Digest;

/** A one-line console progress bar over all layers being uploaded, plus a line per finished step. */
final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private boolean barShown;
    private final boolean interactive;
    private final Map<Digest, long[]> layers = new ConcurrentHashMap<>();

    /** @param interactive whether {@code out} is a terminal: redraw a bar in place, else print finished steps only */
    ConsoleProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void onBuildStep(ProgressEvent.BuildStep event) {
        line(event.message());
    }

    @Override
    public synchronized void onLayerStarted(ProgressEvent.LayerStarted event) {
        layers.put(event.digest(), new long[] {0, event.size()});
        bar();
    }

    @Override
    public synchronized void onLayerProgress(ProgressEvent.LayerProgress event) {
        layers.computeIfAbsent(event.digest(), d -> new long[] {0, event.size()})[0] = event.bytesSent();
        bar();
    }

    @Override
    public synchronized void onLayerSkipped(ProgressEvent.LayerSkipped event) {
        line(shortDigest(event.digest()) + " already present (" + mib(event.size()) + ")");
    }

    @Override
    public synchronized void onLayerMounted(ProgressEvent.LayerMounted event) {
        line(shortDigest(event.digest()) + " mounted from " + event.fromRepository() + " (" + mib(event.size()) + ")");
    }

    @Override
    public synchronized void onLayerPushed(ProgressEvent.LayerPushed event) {
        layers.computeIfAbsent(event.digest(), d -> new long[] {0, event.size()})[0] = event.size();
        line(shortDigest(event.digest()) + " pushed (" + mib(event.bytesSent()) + ")");
        bar();
    }

    @Override
    public synchronized void onManifestPushed(ProgressEvent.ManifestPushed event) {
        line("manifest " + event.reference() + " -> " + event.digest());
    }

    private void bar() {
        if (!interactive) {
            return;
        }
        long sent = 0;
        long total = 0;
        for (long[] l : layers.values()) {
            sent += l[0];
            total += l[1];
        }
        int filled = total == 0 ? WIDTH : (int) (WIDTH * sent / total);
        out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + (total == 0 ? 100 : 100 * sent / total) + "% " + mib(sent) + " / " + mib(total) + "   ");
        out.flush();
        barShown = true;
    }

    /** Ends the bar's line, if one is drawn, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    private void line(String text) {
        if (barShown) {
            out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            barShown = false;
        }
        out.println(text);
    }

    private static String shortDigest(Digest d) {
        return d.algorithm() + ":" + d.hex().substring(0, 12);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
