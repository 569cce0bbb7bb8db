package io.github.ecrtoolkit.core.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A WireMock proxy in front of the real registry counts the manifest requests of a repeated push. */
@ExtendWith(TestServices.class)
class ManifestHeadIT {

    @Test
    void samePush_twice_putsTheManifestOnce(@OpenRegistry TestRegistry open, @TempDir Path dir) throws Exception {
        WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        try {
            proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(open.url())));
            Path app = Files.createDirectories(dir.resolve("app"));
            Files.writeString(app.resolve("hello.txt"), "hello\n");
            String repository = "fast/head-" + UUID.randomUUID().toString().substring(0, 8);
            LayerCache cache = LayerCache.at(dir.resolve("cache"));
            PushResult first;
            PushResult second;
            try (Registry registry = Registry.builder().host("127.0.0.1:" + proxy.port()).allowInsecureLoopback(true).build()) {
                first = registry.build(app).layer(app, "/app").layerCache(cache).tag(repository + ":1").push();
                second = registry.build(app).layer(app, "/app").layerCache(cache).tag(repository + ":1").push();
            }
            assertThat(second.digest()).isEqualTo(first.digest());
            String manifest = "/v2/" + repository + "/manifests/1";
            proxy.verify(2, headRequestedFor(urlPathEqualTo(manifest)));
            proxy.verify(1, putRequestedFor(urlPathEqualTo(manifest)));
        } finally {
            proxy.stop();
        }
    }
}
