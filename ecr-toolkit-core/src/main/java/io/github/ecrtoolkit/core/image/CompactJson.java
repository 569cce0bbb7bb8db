package io.github.ecrtoolkit.core.image;

import java.util.Map;
import java.util.TreeMap;

import io.github.ecrtoolkit.core.image.internal.JsonWriter;

/** Writes manifests and indexes without a JSON library (see {@link JsonWriter}), byte for byte as the shared Jackson mapper does. */
final class CompactJson {

    private final JsonWriter out = new JsonWriter();

    private CompactJson() {
    }

    static byte[] manifest(ImageManifest manifest) {
        CompactJson w = new CompactJson();
        w.raw("{\"schemaVersion\":2,\"mediaType\":").string(manifest.mediaType());
        w.raw(",\"config\":").descriptor(manifest.config());
        w.raw(",\"layers\":").descriptors(manifest.layers()).raw("}");
        return w.out.toByteArray();
    }

    static byte[] index(ImageIndex index) {
        CompactJson w = new CompactJson();
        w.raw("{\"schemaVersion\":2,\"mediaType\":").string(index.mediaType());
        w.raw(",\"manifests\":").descriptors(index.manifests()).raw("}");
        return w.out.toByteArray();
    }

    private CompactJson descriptors(java.util.List<Descriptor> descriptors) {
        raw("[");
        for (int i = 0; i < descriptors.size(); i++) {
            raw(i > 0 ? "," : "").descriptor(descriptors.get(i));
        }
        return raw("]");
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
        out.raw(ascii);
        return this;
    }

    private CompactJson string(String s) {
        out.string(s);
        return this;
    }
}
