package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.ImageDetails;
import io.github.ecrtoolkit.docker.ImageNotFoundException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/** {@code GET /images/{name}/json} and {@code DELETE /images/{name}}. */
public final class Inspector {

    private Inspector() {
    }

    /** The image's details, or empty when the engine has no such image. */
    public static Optional<ImageDetails> inspect(EngineHttp http, String image) {
        return raw(http, image).map(Inspector::details);
    }

    /** An image's id and its layer diff ids ({@code sha256:…} of each uncompressed layer), bottom first. */
    record Layers(String imageId, List<String> diffIds) {
    }

    static Layers layers(EngineHttp http, String image) {
        JsonNode json = raw(http, image).orElseThrow(() -> new ImageNotFoundException(http.engine(), image, "no such image"));
        List<String> ids = new ArrayList<>();
        json.path("RootFS").path("Layers").forEach(l -> ids.add(l.asText()));
        return new Layers(json.path("Id").asText(), ids);
    }

    /** Removes an image; true when it was there. */
    public static boolean remove(EngineHttp http, String image, boolean force) {
        try (EngineResponse response = http.send("DELETE", "/images/" + image + (force ? "?force=1" : ""), Map.of(), null)) {
            if (response.status() == 404) {
                return false;
            }
            if (response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not remove " + image
                        + ": " + response.errorMessage());
            }
            response.text();
            return true;
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Removing " + image + " failed: " + e.getMessage(), e);
        }
    }

    /** Gives {@code source} the extra name {@code repository:tag}. */
    public static void tag(EngineHttp http, String source, String repository, String tag) {
        String query = "?repo=" + java.net.URLEncoder.encode(repository, java.nio.charset.StandardCharsets.UTF_8)
                + "&tag=" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8);
        try (EngineResponse response = http.send("POST", "/images/" + source + "/tag" + query, Map.of(), null)) {
            if (response.status() == 404) {
                throw new ImageNotFoundException(http.engine(), source, response.errorMessage());
            }
            if (response.status() != 201 && response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not tag " + source
                        + " as " + repository + ":" + tag + ": " + response.errorMessage());
            }
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Tagging " + source + " failed: " + e.getMessage(), e);
        }
    }

    private static Optional<JsonNode> raw(EngineHttp http, String image) {
        try (EngineResponse response = http.send("GET", "/images/" + image + "/json", Map.of(), null)) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not inspect " + image
                        + ": " + response.errorMessage());
            }
            return Optional.of(response.json());
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Inspecting " + image + " failed: " + e.getMessage(), e);
        }
    }

    private static ImageDetails details(JsonNode json) {
        JsonNode config = json.path("Config");
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageDetails(json.path("Id").asText(), strings(json.path("RepoTags")), strings(json.path("RepoDigests")),
                labels, strings(config.path("Env")), strings(config.path("Cmd")), json.path("Os").asText(""),
                json.path("Architecture").asText(""), json.path("Size").asLong());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
