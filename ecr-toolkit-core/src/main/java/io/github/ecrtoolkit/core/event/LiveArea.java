package io.github.ecrtoolkit.core.event;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Where a renderer writes: lines that stay, and on a terminal a block of lines at the bottom that
 * is redrawn in place (ANSI cursor-up and erase-below, lines cut to the width so none wraps).
 * Not on a terminal, the block is never drawn: only lines that stay, for logs.
 */
final class LiveArea {

    private static final String ESC = "\u001b[";

    private final Appendable out;
    private final boolean terminal;
    private final int width;
    private int drawn;

    LiveArea(Appendable out, boolean terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = Math.max(20, width);
    }

    boolean isTerminal() {
        return terminal;
    }

    /** A line that stays: above the block on a terminal (which is then drawn again by the next {@link #show}). */
    void line(String text) {
        StringBuilder s = new StringBuilder();
        erase(s);
        s.append(terminal ? cut(text) : text).append('\n');
        write(s);
    }

    /** Replaces the block (on a terminal only). */
    void show(List<String> block) {
        if (!terminal) {
            return;
        }
        StringBuilder s = new StringBuilder();
        erase(s);
        for (String line : block) {
            s.append(cut(line)).append('\n');
        }
        drawn = block.size();
        write(s);
    }

    /** Leaves the block as it is drawn: what follows goes below it. */
    void keep() {
        drawn = 0;
    }

    private void erase(StringBuilder s) {
        if (drawn > 0) {
            s.append('\r').append(ESC).append(drawn).append('A').append(ESC).append('J');
            drawn = 0;
        }
    }

    private String cut(String line) {
        return line.length() < width ? line : line.substring(0, width - 2) + "…";
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
            if (out instanceof Flushable f) {
                f.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
