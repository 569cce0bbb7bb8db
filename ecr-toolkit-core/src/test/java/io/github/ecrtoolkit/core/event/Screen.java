package io.github.ecrtoolkit.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny terminal for tests: applies text, {@code \r}, {@code \n}, cursor-up ({@code ESC[nA}) and
 * erase-below ({@code ESC[J}) to a grid of lines, and says what a person would see.
 */
final class Screen {

    private static final Pattern ESCAPE = Pattern.compile("\u001b\\[(\\d*)([A-Za-z])");

    private final List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
    private int row;
    private int col;

    static List<String> render(CharSequence output) {
        Screen screen = new Screen();
        screen.apply(output.toString());
        return screen.visible();
    }

    void apply(String output) {
        int i = 0;
        while (i < output.length()) {
            char c = output.charAt(i);
            if (c == '\u001b') {
                Matcher m = ESCAPE.matcher(output).region(i, output.length());
                if (!m.lookingAt()) {
                    throw new IllegalStateException("unknown escape at " + i + ": " + output.substring(i, Math.min(output.length(), i + 8)));
                }
                int n = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
                switch (m.group(2)) {
                    case "A" -> row = Math.max(0, row - n);
                    case "J" -> {
                        lines.get(row).setLength(Math.min(col, lines.get(row).length()));
                        while (lines.size() > row + 1) {
                            lines.remove(lines.size() - 1);
                        }
                    }
                    default -> throw new IllegalStateException("unexpected escape " + m.group());
                }
                i = m.end();
                continue;
            }
            if (c == '\n') {
                row++;
                col = 0;
                while (lines.size() <= row) {
                    lines.add(new StringBuilder());
                }
            } else if (c == '\r') {
                col = 0;
            } else {
                StringBuilder line = lines.get(row);
                while (line.length() < col) {
                    line.append(' ');
                }
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
            i++;
        }
    }

    List<String> visible() {
        List<String> out = new ArrayList<>();
        for (StringBuilder line : lines) {
            out.add(line.toString());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
