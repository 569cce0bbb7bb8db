package io.github.ecrtoolkit.docker.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.RegistryCredentials;

/**
 * The engine's two credential headers, both base64url JSON: {@code X-Registry-Auth} (one
 * registry, for push and pull) and {@code X-Registry-Config} (a map by registry, for build).
 * The values hold secrets: never log them.
 */
public final class RegistryAuthHeaders {

    private RegistryAuthHeaders() {
    }

    /** {@code X-Registry-Auth} for pushing to or pulling from {@code registryHost}; {@code {}} when anonymous. */
    public static String registryAuth(String registryHost, RegistryCredentials credentials) {
        ObjectNode auth = EngineHttp.JSON.createObjectNode();
        if (!credentials.isAnonymous()) {
            putAuth(auth, registryHost, credentials);
        }
        return encode(auth);
    }

    /** {@code X-Registry-Config}: credentials by registry host, for the base images of a build. */
    public static String registryConfig(Map<String, RegistryCredentials> byHost) {
        ObjectNode config = EngineHttp.JSON.createObjectNode();
        byHost.forEach((host, credentials) -> {
            if (!credentials.isAnonymous()) {
                putAuth(config.putObject(host), host, credentials);
            }
        });
        return encode(config);
    }

    private static void putAuth(ObjectNode node, String host, RegistryCredentials credentials) {
        node.put("username", credentials.username().orElseThrow())
                .put("password", credentials.password().orElseThrow())
                .put("serveraddress", host);
    }

    private static String encode(ObjectNode json) {
        try {
            return Base64.getUrlEncoder().encodeToString(EngineHttp.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write registry auth JSON", e);
        }
    }
}
