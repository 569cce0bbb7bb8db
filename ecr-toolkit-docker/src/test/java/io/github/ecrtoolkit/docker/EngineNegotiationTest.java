package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Version negotiation against listeners that are not a current engine: an engine too old for
 * this library, and something that is not an engine at all. (The real engine's path is in the ITs.)
 */
class EngineNegotiationTest {

    private HttpServer server;

    private URI listen(int pingStatus, String apiVersion) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_ping", exchange -> {
            if (apiVersion != null) {
                exchange.getResponseHeaders().add("Api-Version", apiVersion);
            }
            reply(exchange, pingStatus, "OK");
        });
        server.createContext("/version", exchange -> reply(exchange, 200,
                "{\"ApiVersion\":\"" + apiVersion + "\",\"MinAPIVersion\":\"1.12\"}"));
        server.start();
        return URI.create("tcp://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void connect_toAnEngineOlderThanApi132_saysUpgrade() throws Exception {
        URI engine = listen(200, "1.24");

        assertThatThrownBy(() -> DockerEngine.connect(DockerHost.tcp(engine)))
                .isInstanceOfSatisfying(EngineApiTooOldException.class, e -> {
                    assertThat(e.engineApiVersion()).isEqualTo("1.24");
                    assertThat(e.minimumApiVersion()).isEqualTo("1.32");
                    assertThat(e.getMessage()).contains(engine.toString(), "Upgrade the engine");
                });
    }

    @Test
    void connect_toSomethingThatIsNotAnEngine_saysSo() throws Exception {
        URI notAnEngine = listen(404, null);

        assertThatThrownBy(() -> DockerEngine.connect(DockerHost.tcp(notAnEngine)))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessageContaining("not like a Docker Engine").hasMessageContaining("HTTP 404");
    }
}
