package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.LayerPushResult;
import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.ImageNotFoundException;
import io.github.ecrtoolkit.docker.PushRefusedException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/**
 * Pushes tagged images through the engine ({@code POST /images/{name}/push} with
 * {@code X-Registry-Auth}), scans the stream for errors, and describes the result the way the
 * daemonless push does: manifest digest, references, and per layer its compressed digest, size
 * and whether it was sent.
 */
public final class PushRunner {

    /** "image id reference" → the digest this process pushed it as. */
    private static final Map<String, Digest> PUSHED = new java.util.concurrent.ConcurrentHashMap<>();

    private PushRunner() {
    }

    /**
     * Pushes through the engine with {@code session}'s credentials; the tags' current digests and
     * the pushed manifest are read through the session's registry client.
     */
    public static PushResult push(EngineHttp http, List<ImageReference> references, RegistrySession session,
            ProgressListener listener) {
        RegistryCredentials credentials = session.credentials().credentials();
        RegistryClient registry = session.target();
        if (references.isEmpty()) {
            throw new IllegalArgumentException("name at least one image reference to push");
        }
        ImageReference first = references.get(0);
        Inspector.Layers image = Inspector.layers(http, first.toString());
        List<String> diffIds = image.diffIds();
        Map<String, Digest> diffIdByShortId = new HashMap<>();
        diffIds.forEach(id -> diffIdByShortId.put(shortId(id), Digest.parse(id)));
        Digest digest = null;
        Map<String, LayerPushStatus> statusByShortId = new HashMap<>();
        for (ImageReference reference : references) {
            Digest before = PUSHED.get(image.imageId() + " " + reference);
            if (before != null && currentDigest(registry, reference).filter(before::equals).isPresent()) {
                digest = before; // pushed from here before and the tag still points there: nothing to send
                continue;
            }
            Digest pushed = pushOne(http, reference, credentials, listener, diffIdByShortId, statusByShortId);
            if (digest != null && !digest.equals(pushed)) {
                throw new DockerEngineException(http.engine(), "The engine pushed " + reference + " as " + pushed
                        + " but the first tag as " + digest + "; were the tags retagged during the push?");
            }
            digest = pushed;
        }
        for (ImageReference reference : references) {
            PUSHED.put(image.imageId() + " " + reference, digest);
        }
        // the engine's push stream does not give the compressed digests and sizes: its manifest does
        RegistryClient.Manifest stored = registry.getManifest(first.repository(), digest.toString());
        ImageManifest manifest = ImageJson.readManifest(stored.bytes(), stored.mediaType());
        List<LayerPushResult> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            String shortId = i < diffIds.size() ? shortId(diffIds.get(i)) : "";
            LayerPushStatus status = statusByShortId.getOrDefault(shortId, LayerPushStatus.ALREADY_PRESENT);
            // the engine counts uncompressed bytes while it pushes; what went over the wire is the blob
            long sent = status == LayerPushStatus.PUSHED ? layer.size() : 0;
            layers.add(new LayerPushResult(layer.digest(), layer.size(), status, sent));
            switch (status) {
                case PUSHED -> listener.onEvent(new ProgressEvent.LayerPushed(layer.digest(), layer.size(), sent));
                case MOUNTED -> listener.onEvent(new ProgressEvent.LayerMounted(layer.digest(), layer.size(), ""));
                default -> listener.onEvent(new ProgressEvent.LayerSkipped(layer.digest(), layer.size()));
            }
        }
        for (ImageReference reference : references) {
            listener.onEvent(new ProgressEvent.ManifestPushed(reference, digest, manifest.mediaType()));
        }
        return new PushResult(digest, references, layers, manifest.mediaType());
    }

    /** The digest the tag points at now; empty when unknown (then the engine pushes, and says what is wrong). */
    private static Optional<Digest> currentDigest(RegistryClient registry, ImageReference reference) {
        try {
            return registry.manifestDigest(reference.repository(), reference.tag().orElse("latest"));
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private static Digest pushOne(EngineHttp http, ImageReference reference, RegistryCredentials credentials,
            ProgressListener listener, Map<String, Digest> diffIdByShortId, Map<String, LayerPushStatus> statuses) {
        String name = reference.registry() + "/" + reference.repository();
        String tag = reference.tag().orElse("latest");
        Map<String, String> headers = Map.of("X-Registry-Auth", RegistryAuthHeaders.registryAuth(reference.registry(), credentials));
        Digest[] digest = new Digest[1];
        try (EngineResponse response = http.send("POST", "/images/" + name + "/push?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8),
                headers, null)) {
            if (response.status() == 404) {
                throw new ImageNotFoundException(http.engine(), reference.toString(), response.errorMessage());
            }
            if (response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not push " + reference
                        + ": " + response.errorMessage());
            }
            JsonMessages.read(response.body(), message -> {
                String error = JsonMessages.error(message);
                if (error != null) {
                    throw failure(http, reference, error);
                }
                String id = message.path("id").asText("");
                String status = message.path("status").asText("");
                if (!id.isEmpty()) {
                    if (status.equals("Pushed")) {
                        statuses.put(id, LayerPushStatus.PUSHED);
                    } else if (status.equals("Layer already exists")) {
                        statuses.putIfAbsent(id, LayerPushStatus.ALREADY_PRESENT);
                    } else if (status.startsWith("Mounted from")) {
                        statuses.putIfAbsent(id, LayerPushStatus.MOUNTED);
                    } else if (status.equals("Pushing")) {
                        JsonNode detail = message.path("progressDetail");
                        long total = detail.path("total").asLong(0);
                        long current = detail.path("current").asLong(0);
                        Digest diffId = diffIdByShortId.get(id);
                        if (diffId != null) {
                            listener.onEvent(new ProgressEvent.LayerProgress(diffId, Math.min(current, total), total));
                        }
                    }
                }
                JsonNode aux = message.get("aux");
                if (aux != null && aux.hasNonNull("Digest")) {
                    digest[0] = Digest.parse(aux.get("Digest").asText());
                }
            });
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Reading the push output for " + reference + " from " + http.engine()
                    + " failed: " + e.getMessage(), e);
        }
        if (digest[0] == null) {
            throw new DockerEngineException(http.engine(), "The engine finished pushing " + reference + " without reporting a digest");
        }
        return digest[0];
    }

    private static DockerEngineException failure(EngineHttp http, ImageReference reference, String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        if (lower.contains("does not exist locally") || lower.contains("no such image")) {
            return new ImageNotFoundException(http.engine(), reference.toString(), error);
        }
        if (lower.contains("unauthorized") || lower.contains("denied") || lower.contains("authentication required")
                || lower.contains("no basic auth credentials") || lower.contains("forbidden")) {
            return new PushRefusedException(http.engine(), reference.toString(), error);
        }
        return new DockerEngineException(http.engine(), "Pushing " + reference + " through " + http.engine() + " failed: " + error);
    }

    /** The engine names layers by the first 12 hex digits of their diff id while it pushes. */
    static String shortId(String diffId) {
        String hex = diffId.substring(diffId.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

}
