package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading {@code --flags} of an instruction, read as Docker reads them for every instruction:
 * words that start with {@code --}, quotes removed, {@code \} escaping; a lone {@code --} ends the
 * flags and is dropped ({@code COPY -- foo /tmp/}). Which instruction takes which flag is checked
 * later, as in Docker.
 *
 * @param flags each flag as written, quotes removed, e.g. {@code --chown=app}
 * @param rest  the arguments after the flags, trimmed
 */
record BuilderFlags(List<String> flags, String rest) {

    static BuilderFlags extract(String line) {
        List<String> flags = new ArrayList<>();
        int pos = 0;
        int n = line.length();
        while (true) {
            while (pos < n && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos + 1 >= n || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') {
                return new BuilderFlags(flags, line.substring(Math.min(pos, n)).strip());
            }
            StringBuilder word = new StringBuilder();
            boolean quotedEmpty = false;
            char quote = 0;
            while (pos < n && (quote != 0 || !Character.isWhitespace(line.charAt(pos)))) {
                char c = line.charAt(pos++);
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                    quotedEmpty = true;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\') {
                    if (pos < n) {
                        word.append(line.charAt(pos++));
                    }
                } else {
                    word.append(c);
                }
            }
            if (word.toString().equals("--")) {
                return new BuilderFlags(flags, line.substring(pos).strip());
            }
            if (quotedEmpty || word.length() > 0) {
                flags.add(word.toString());
            }
        }
    }
}
