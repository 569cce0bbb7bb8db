package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.docker.BuildFailedException;
import io.github.ecrtoolkit.docker.BuiltImage;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/**
 * One {@code POST /build}: streams the context, relays the output, and turns an error in the
 * stream (HTTP 200 then {@code errorDetail}) into a {@link BuildFailedException} with the step.
 */
public final class BuildRunner {

    static final int TAIL_LINES = 20;
    private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : .*");
    private static final Pattern EXIT_CODE = Pattern.compile("returned a non-zero code: (\\d+)");
    private static final Pattern BUILT = Pattern.compile("^Successfully built ([0-9a-f]+)$");

    private BuildRunner() {
    }

    public static BuiltImage run(EngineHttp http, BuildSpec spec, ProgressListener listener) {
        long started = System.nanoTime();
        Optional<String> key = UnchangedBuilds.key(http, spec);
        Optional<String> reused = key.flatMap(k -> UnchangedBuilds.reuse(http, k, spec.tags()));
        if (reused.isPresent()) {
            String line = "Context, Dockerfile and base images unchanged since the last build on this engine: " + reused.get();
            listener.onEvent(new ProgressEvent.BuildStep(line));
            return new BuiltImage(reused.get(), spec.tags(), List.of(line), Duration.ofNanos(System.nanoTime() - started));
        }
        BuiltImage built = send(http, spec, listener, started);
        key.ifPresent(k -> UnchangedBuilds.remember(k, built.id()));
        return built;
    }

    private static BuiltImage send(EngineHttp http, BuildSpec spec, ProgressListener listener, long started) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!spec.registryCredentials().isEmpty()) {
            headers.put("X-Registry-Config", RegistryAuthHeaders.registryConfig(spec.registryCredentials()));
        }
        ContextTarEntity body = new ContextTarEntity(out -> BuildContextArchive.write(spec.context(), spec.dockerfile(), out));
        StreamState state = new StreamState();
        try (EngineResponse response = http.send("POST", "/build?" + query(spec), headers, body)) {
            if (response.status() != 200) {
                throw new BuildFailedException(http.engine(), null, response.errorMessage(), OptionalInt.empty(), List.of());
            }
            JsonMessages.read(response.body(), message -> state.accept(message, listener, http.engine()));
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Reading the build output from " + http.engine() + " failed: "
                    + e.getMessage() + ". Check that the engine is still running and build again.", e);
        }
        if (state.imageId == null) {
            throw new BuildFailedException(http.engine(), state.step, "the engine ended the build without an image id",
                    OptionalInt.empty(), List.copyOf(state.tail));
        }
        return new BuiltImage(state.imageId, spec.tags(), state.output, Duration.ofNanos(System.nanoTime() - started));
    }

    static String query(BuildSpec spec) {
        List<String> params = new ArrayList<>();
        spec.tags().forEach(t -> params.add("t=" + encode(t)));
        params.add("dockerfile=" + encode(spec.dockerfile()));
        if (!spec.buildArgs().isEmpty()) {
            params.add("buildargs=" + encode(json(spec.buildArgs())));
        }
        if (!spec.labels().isEmpty()) {
            params.add("labels=" + encode(json(spec.labels())));
        }
        spec.target().ifPresent(t -> params.add("target=" + encode(t)));
        spec.platform().ifPresent(p -> params.add("platform=" + encode(p)));
        if (spec.pull()) {
            params.add("pull=1");
        }
        if (spec.noCache()) {
            params.add("nocache=1");
        }
        params.add("rm=1");
        params.add("forcerm=1");
        return String.join("&", params);
    }

    private static String json(Map<String, String> values) {
        try {
            return EngineHttp.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What the stream has said so far. */
    static final class StreamState {
        final List<String> output = new ArrayList<>();
        final Deque<String> tail = new ArrayDeque<>();
        StringBuilder partial = new StringBuilder();
        String step;
        String imageId;

        void accept(JsonNode message, ProgressListener listener, String engine) {
            String error = JsonMessages.error(message);
            if (error != null) {
                flushPartial(listener);
                JsonNode detail = message.get("errorDetail");
                OptionalInt code = detail != null && detail.hasNonNull("code") && detail.get("code").asInt() != 0
                        ? OptionalInt.of(detail.get("code").asInt()) : exitCodeIn(error);
                throw new BuildFailedException(engine, step, error, code, List.copyOf(tail));
            }
            if (message.hasNonNull("stream")) {
                partial.append(message.get("stream").asText());
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    line(partial.substring(0, newline), listener);
                    partial.delete(0, newline + 1);
                }
            }
            JsonNode aux = message.get("aux");
            if (aux != null && aux.hasNonNull("ID")) {
                imageId = aux.get("ID").asText();
            }
        }

        private void flushPartial(ProgressListener listener) {
            if (partial.length() > 0) {
                line(partial.toString(), listener);
                partial = new StringBuilder();
            }
        }

        private void line(String raw, ProgressListener listener) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                return;
            }
            output.add(line);
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            if (STEP.matcher(line).matches()) {
                step = line;
            }
            Matcher built = BUILT.matcher(line);
            if (built.matches() && imageId == null) {
                imageId = built.group(1);
            }
            listener.onEvent(new ProgressEvent.BuildStep(line));
        }

        private static OptionalInt exitCodeIn(String error) {
            Matcher m = EXIT_CODE.matcher(error);
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }
    }
}
