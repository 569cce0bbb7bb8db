package io.github.ecrtoolkit.core.build.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.image.internal.JsonWriter;

/**
 * The config of an image on scratch, written without a JSON library: byte for byte what
 * {@link ImageAssembler} writes with Jackson for the same image (fields in its order), so the digest
 * does not depend on which wrote it. Both daemonless paths use it, so a scratch image loads no JSON
 * library, changed layers or not (Jackson's classes were 0.16 s of a short push).
 */
final class ScratchConfig {

    private ScratchConfig() {
    }

    /**
     * @param containerConfig writes the {@code config} object, braces included
     */
    static byte[] write(Platform platform, Optional<String> author, Instant created, Consumer<JsonWriter> containerConfig,
                        List<NewLayer> layers, List<ImageAssembler.History> history) {
        String time = DateTimeFormatter.ISO_INSTANT.format(created);
        JsonWriter w = new JsonWriter();
        JsonWriter.Fields image = w.object();
        image.name("architecture").string(platform.architecture());
        image.name("os").string(platform.os());
        platform.variant().ifPresent(v -> image.name("variant").string(v));
        author.ifPresent(a -> image.name("author").string(a));
        image.name("created").string(time);
        containerConfig.accept(image.name("config"));
        JsonWriter.Fields rootfs = image.name("rootfs").object();
        rootfs.name("type").string("layers");
        rootfs.name("diff_ids").strings(layers.stream().map(l -> l.diffId().toString()).toList());
        rootfs.end();
        image.name("history").raw("[");
        for (int i = 0; i < history.size(); i++) {
            ImageAssembler.History step = history.get(i);
            JsonWriter.Fields entry = w.raw(i > 0 ? "," : "").object();
            entry.name("created").string(time);
            entry.name("created_by").string(step.createdBy());
            if (step.emptyLayer()) {
                entry.name("empty_layer").raw("true");
            }
            entry.end();
        }
        w.raw("]");
        return image.end().toByteArray();
    }
}
