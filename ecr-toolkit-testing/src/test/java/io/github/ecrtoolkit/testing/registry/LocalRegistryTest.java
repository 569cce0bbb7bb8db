package io.github.ecrtoolkit.testing.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;

class LocalRegistryTest {

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();

    @Test
    void aPushLands_andTheRegistryAsksForTheCredentials(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        PushResult pushed;
        try (Registry target = registry.client()) {
            pushed = target.image().layer(dir.resolve("hello.txt"), "/hello.txt").tag("hello:1").push();
        }

        HttpClient http = HttpClient.newHttpClient();
        URI tags = URI.create("http://" + registry.host() + "/v2/hello/tags/list");
        assertThat(http.send(HttpRequest.newBuilder(tags).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (registry.credentials().username().orElseThrow() + ":" + registry.credentials().password().orElseThrow())
                        .getBytes(StandardCharsets.UTF_8));
        HttpRequest authorized = HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/hello/manifests/1"))
                .header("Authorization", basic).header("Accept", pushed.manifestMediaType()).build();
        HttpResponse<Void> manifest = http.send(authorized, HttpResponse.BodyHandlers.discarding());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest().toString());
    }

    @Test
    void theToStringNamesTheHost_andNotThePassword() {
        assertThat(registry.toString()).contains(registry.host()).doesNotContain(registry.credentials().password().orElseThrow());
    }
}
