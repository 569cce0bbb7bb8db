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
        w.raw("{").name("architecture").string(platform.architecture()).raw(",").name("os").string(platform.os());
        platform.variant().ifPresent(v -> w.raw(",").name("variant").string(v));
        author.ifPresent(a -> w.raw(",").name("author").string(a));
        w.raw(",").name("created").string(time);
        w.raw(",").name("config");
        containerConfig.accept(w);
        w.raw(",").name("rootfs").raw("{").name("type").string("layers").raw(",").name("diff_ids")
                .strings(layers.stream().map(l -> l.diffId().toString()).toList()).raw("}");
        w.raw(",").name("history").raw("[");
        for (int i = 0; i < history.size(); i++) {
            ImageAssembler.History step = history.get(i);
            w.raw(i > 0 ? "," : "").raw("{").name("created").string(time).raw(",").name("created_by").string(step.createdBy());
            if (step.emptyLayer()) {
                w.raw(",").name("empty_layer").raw("true");
            }
            w.raw("}");
        }
        return w.raw("]}").toByteArray();
    }
}
