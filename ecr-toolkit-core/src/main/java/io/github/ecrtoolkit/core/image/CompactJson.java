package io.github.ecrtoolkit.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes manifests as compact JSON without a JSON library, byte for byte as the shared Jackson
 * mapper writes the same tree: fields in insertion order, no whitespace, {@code "} {@code \\} and
 * control characters escaped (short forms for \b \t \n \f \r, else {@code \\u00XX}), each half of
 * a surrogate pair escaped as {@code \\uXXXX} (as Jackson 2 does by default), everything else as
 * raw UTF-8. Why: a push of unchanged layers needs only this, and the mapper's class loading
 * (about 880 classes, 0.16 s) was its largest own cost on the benchmark (README, Performance).
 */
final class CompactJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    private CompactJson() {
    }

    static byte[] manifest(ImageManifest manifest) {
        CompactJson w = new CompactJson();
        w.raw("{\"schemaVersion\":2,\"mediaType\":").string(manifest.mediaType());
        w.raw(",\"config\":").descriptor(manifest.config());
        w.raw(",\"layers\":[");
        for (int i = 0; i < manifest.layers().size(); i++) {
            if (i > 0) {
                w.raw(",");
            }
            w.descriptor(manifest.layers().get(i));
        }
        w.raw("]}");
        return w.out.toByteArray();
    }

    private CompactJson descriptor(Descriptor d) {
        raw("{\"mediaType\":").string(d.mediaType());
        raw(",\"digest\":").string(d.digest().toString());
        raw(",\"size\":").raw(Long.toString(d.size()));
        if (d.platform().isPresent()) {
            Platform p = d.platform().get();
            raw(",\"platform\":{\"architecture\":").string(p.architecture());
            raw(",\"os\":").string(p.os());
            if (p.variant().isPresent()) {
                raw(",\"variant\":").string(p.variant().get());
            }
            raw("}");
        }
        if (!d.annotations().isEmpty()) {
            raw(",\"annotations\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(d.annotations()).entrySet()) {
                raw(first ? "" : ",").string(e.getKey()).raw(":").string(e.getValue());
                first = false;
            }
            raw("}");
        }
        return raw("}");
    }

    private CompactJson raw(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private CompactJson string(String s) {
        out.write('"');
        int plainFrom = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            out.writeBytes(s.substring(plainFrom, i).getBytes(StandardCharsets.UTF_8));
            plainFrom = i + 1;
            out.write('\\');
            switch (c) {
                case '"', '\\' -> out.write(c);
                case '\b' -> out.write('b');
                case '\t' -> out.write('t');
                case '\n' -> out.write('n');
                case '\f' -> out.write('f');
                case '\r' -> out.write('r');
                default -> out.writeBytes(new byte[] {'u', HEX[c >> 12], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF]});
            }
        }
        out.writeBytes(s.substring(plainFrom).getBytes(StandardCharsets.UTF_8));
        out.write('"');
        return this;
    }
}
