package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

/**
 * Reads the engine's progress streams: JSON objects one after another ({@code {"stream":…}},
 * {@code {"status":…,"progressDetail":…}}, {@code {"aux":…}}, {@code {"errorDetail":…}}).
 */
final class JsonMessages {

    private JsonMessages() {
    }

    static void read(InputStream in, Consumer<JsonNode> each) throws IOException {
        try (JsonParser parser = EngineHttp.JSON.getFactory().createParser(in);
                MappingIterator<JsonNode> messages = EngineHttp.JSON.readerFor(JsonNode.class).readValues(parser)) {
            while (messages.hasNextValue()) {
                each.accept(messages.nextValue());
            }
        }
    }

    /** The error a message reports, or null: {@code errorDetail.message}, else {@code error}. */
    static String error(JsonNode message) {
        JsonNode detail = message.get("errorDetail");
        if (detail != null && detail.hasNonNull("message")) {
            return detail.get("message").asText();
        }
        return message.hasNonNull("error") ? message.get("error").asText() : null;
    }
}
