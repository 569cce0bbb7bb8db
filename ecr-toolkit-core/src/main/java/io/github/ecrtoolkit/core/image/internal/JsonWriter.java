package io.github.ecrtoolkit.core.image.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compact JSON, byte for byte as the shared Jackson mapper writes the same tree: fields in the
 * order written, no whitespace, {@code "} {@code \\} and control characters escaped (short forms for
 * \b \t \n \f \r, else {@code \\u00XX}), each half of a surrogate pair escaped as {@code \\uXXXX}
 * (as Jackson 2 does by default), everything else as raw UTF-8. Why: the manifest and a scratch
 * image's config need only this, and the mapper's class loading (about 880 classes, 0.16 s) was the
 * largest own cost of a short push on the benchmark. Not thread-safe.
 */
public final class JsonWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

    /** Text that needs no escaping (punctuation, names, numbers), as is. */
    public JsonWriter raw(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A JSON string. */
    public JsonWriter string(String s) {
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

    /** {@code "name":} */
    public JsonWriter name(String name) {
        return string(name).raw(":");
    }

    /** A JSON array of strings. */
    public JsonWriter strings(List<String> values) {
        raw("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                raw(",");
            }
            string(values.get(i));
        }
        return raw("]");
    }

    /** Starts an object; name its fields with {@link Fields#name}, which puts the commas, then {@link Fields#end()}. */
    public Fields object() {
        raw("{");
        return new Fields();
    }

    /** The fields of an object being written. */
    public final class Fields {
        private boolean first = true;

        private Fields() {
        }

        /** {@code "name":}, after a comma unless it is the first field; write the value next. */
        public JsonWriter name(String name) {
            if (!first) {
                raw(",");
            }
            first = false;
            return JsonWriter.this.name(name);
        }

        public JsonWriter end() {
            return raw("}");
        }
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
