package io.github.ecrtoolkit.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.RegistryCredentials;

class RegistryAuthHeadersTest {

    @Test
    void registryAuth_isBase64UrlJsonWithUserPasswordAndServer() throws Exception {
        String header = RegistryAuthHeaders.registryAuth("123.dkr.ecr.eu-west-1.amazonaws.com",
                RegistryCredentials.basic("AWS", "p?ss>>w/rd~~"));

        assertThat(header).doesNotContain("+", "/");
        JsonNode json = EngineHttp.JSON.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
        assertThat(json.get("username").asText()).isEqualTo("AWS");
        assertThat(json.get("password").asText()).isEqualTo("p?ss>>w/rd~~");
        assertThat(json.get("serveraddress").asText()).isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com");
    }

    @Test
    void registryAuth_whenAnonymous_isAnEmptyObject() {
        assertThat(new String(Base64.getUrlDecoder().decode(RegistryAuthHeaders.registryAuth("r", RegistryCredentials.anonymous())),
                StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void registryConfig_mapsEachRegistryToItsCredentials() throws Exception {
        String header = RegistryAuthHeaders.registryConfig(Map.of("a:5000", RegistryCredentials.basic("u", "p"),
                "b", RegistryCredentials.anonymous()));

        JsonNode json = EngineHttp.JSON.readTree(Base64.getUrlDecoder().decode(header));
        assertThat(json.get("a:5000").get("username").asText()).isEqualTo("u");
        assertThat(json.has("b")).isFalse();
    }
}
