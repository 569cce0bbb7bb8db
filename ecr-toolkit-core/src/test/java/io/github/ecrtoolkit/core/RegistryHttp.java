package io.github.ecrtoolkit.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.testing.TestRegistry;

/**
 * Manifests read and written by plain HTTP, not by the code under test: how the tests put base
 * images' indexes together by hand and read back what a push stored.
 */
final class RegistryHttp {

    /** A manifest as the registry serves it. */
    record Manifest(byte[] bytes, String mediaType) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestRegistry registry;

    RegistryHttp(TestRegistry registry) {
        this.registry = registry;
    }

    Manifest get(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(repository, reference)
                .header("Accept", String.join(",", MediaTypes.MANIFEST_ACCEPT)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET manifest " + repository + ":" + reference + " answered " + response.statusCode());
        }
        return new Manifest(response.body(), response.headers().firstValue("Content-Type").orElse(""));
    }

    /** Whether the tag or digest exists. */
    boolean exists(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(request(repository, reference)
                .header("Accept", String.join(",", MediaTypes.MANIFEST_ACCEPT)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    void put(String repository, String reference, String mediaType, byte[] manifest) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(repository, reference).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("PUT manifest " + repository + ":" + reference + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/blobs/" + digest))
                .headers(auth()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET blob " + digest + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String repository, String reference) {
        return HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/" + reference)).headers(auth());
    }

    private String[] auth() {
        if (!registry.requiresAuth()) {
            return new String[] {"User-Agent", "ecr-toolkit-tests"};
        }
        String basic = registry.username().orElseThrow() + ":" + registry.password().orElseThrow();
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))};
    }
}
