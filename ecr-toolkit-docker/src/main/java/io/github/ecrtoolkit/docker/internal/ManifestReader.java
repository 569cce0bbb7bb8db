package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.internal.SecretHeader;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;

/**
 * Reads back the manifest the engine pushed, for the compressed layer digests and sizes the
 * engine's push stream does not give. Plain HTTP only for a loopback registry (the engine pushes
 * to those over HTTP too); TLS verified otherwise.
 */
final class ManifestReader {

    static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

    /** A layer as the manifest lists it. */
    record Layer(Digest digest, long size) {
    }

    /** The parts of a manifest a push result needs. */
    record Manifest(String mediaType, List<Layer> layers) {
    }

    /** Manifests are immutable by digest: a push that produced the same digest again needs no second read. */
    private static final Map<Digest, Manifest> BY_DIGEST = new ConcurrentHashMap<>();
    /** One pool for every read; it holds no threads, so it needs no closing. */
    private static final CloseableHttpClient CLIENT = HttpClients.custom().disableCookieManagement().build();

    private ManifestReader() {
    }

    static Manifest read(ImageReference reference, Digest digest, RegistryCredentials credentials) throws IOException {
        Manifest known = BY_DIGEST.get(digest);
        if (known != null) {
            return known;
        }
        Manifest manifest = fetch(reference, digest, credentials);
        BY_DIGEST.put(digest, manifest);
        return manifest;
    }

    /** The digest {@code reference}'s tag points at now, or empty when the registry does not say so. */
    static Optional<Digest> currentDigest(ImageReference reference, RegistryCredentials credentials) {
        String scheme = reference.isLoopbackRegistry() ? "http" : "https";
        HttpHead head = new HttpHead(scheme + "://" + reference.registry() + "/v2/" + reference.repository() + "/manifests/"
                + reference.tag().orElse("latest"));
        head.setHeader("Accept", ACCEPT);
        credentials.basicAuthorization().ifPresent(value -> head.setHeader(SecretHeader.of("Authorization", value)));
        try {
            return CLIENT.execute(head, response -> {
                Header digest = response.getFirstHeader("Docker-Content-Digest");
                return response.getCode() == 200 && digest != null ? Optional.of(Digest.parse(digest.getValue())) : Optional.<Digest>empty();
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // then the engine pushes, and says what is wrong
        }
    }

    private static Manifest fetch(ImageReference reference, Digest digest, RegistryCredentials credentials) throws IOException {
        String scheme = reference.isLoopbackRegistry() ? "http" : "https";
        HttpGet get = new HttpGet(scheme + "://" + reference.registry() + "/v2/" + reference.repository() + "/manifests/" + digest);
        get.setHeader("Accept", ACCEPT);
        credentials.basicAuthorization().ifPresent(value -> get.setHeader(SecretHeader.of("Authorization", value)));
        return CLIENT.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new IOException("the registry answered HTTP " + response.getCode() + " for manifest " + digest);
                }
                JsonNode manifest = EngineHttp.JSON.readTree(response.getEntity().getContent());
                String mediaType = manifest.path("mediaType").asText(
                        response.getFirstHeader("Content-Type") == null ? "" : response.getFirstHeader("Content-Type").getValue());
                List<Layer> layers = new ArrayList<>();
                for (JsonNode layer : manifest.path("layers")) {
                    layers.add(new Layer(Digest.parse(layer.get("digest").asText()), layer.path("size").asLong()));
                }
                return new Manifest(mediaType, layers);
            });
    }
}
