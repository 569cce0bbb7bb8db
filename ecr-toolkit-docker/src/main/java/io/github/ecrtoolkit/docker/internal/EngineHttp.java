package io.github.ecrtoolkit.docker.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.internal.SecretHeader;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.DockerHost;
import io.github.ecrtoolkit.docker.EngineApiTooOldException;
import io.github.ecrtoolkit.docker.EngineUnreachableException;

/**
 * The one HTTP client that talks to a Docker Engine (Apache HttpClient 5, which connects to Unix
 * sockets itself since 5.6), with the API version negotiated once. Thread-safe.
 */
public final class EngineHttp implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final int STREAM_BUFFER = 1 << 16;
    private static final Timeout NEGOTIATION_TIMEOUT = Timeout.ofSeconds(30);

    private final DockerHost host;
    private final HttpHost target;
    private final CloseableHttpClient client;
    private volatile ApiVersion version;

    private EngineHttp(DockerHost host, HttpHost target, CloseableHttpClient client) {
        this.host = host;
        this.target = target;
        this.client = client;
    }

    /** Prepares a client for {@code host}; nothing is sent until {@link #negotiate()}. */
    public static EngineHttp open(DockerHost host) {
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        // builds and pushes stream for as long as they run: no read timeout
                        .setSocketTimeout(Timeout.DISABLED)
                        .build())
                // big chunks: a build context is megabytes, the default 2 KiB chunks cost a write each
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(STREAM_BUFFER).setChunkSizeHint(STREAM_BUFFER).build())
                        .build())
                .setMaxConnTotal(16)
                .setMaxConnPerRoute(16);
        RequestConfig.Builder requests = RequestConfig.custom().setResponseTimeout(Timeout.DISABLED);
        HttpHost target;
        URI uri = host.uri();
        if (host.unixSocket().isPresent()) {
            requests.setUnixDomainSocket(host.unixSocket().get());
            target = new HttpHost("http", "localhost", 80);
        } else if (host.tlsCertPath().isPresent()) {
            try {
                connections.setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(TlsMaterial.sslContext(host.tlsCertPath().get())).buildClassic());
            } catch (IOException | GeneralSecurityException e) {
                throw new DockerEngineException(host.uri().toString(), "Cannot use the TLS certificates in "
                        + host.tlsCertPath().get() + " for " + host.uri() + ": " + e.getMessage()
                        + ". Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem).", e);
            }
            target = new HttpHost("https", uri.getHost(), uri.getPort());
        } else {
            target = new HttpHost("http", uri.getHost(), uri.getPort());
        }
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(requests.build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(org.apache.hc.core5.util.TimeValue.of(30, TimeUnit.SECONDS))
                .build();
        return new EngineHttp(host, target, client);
    }

    /**
     * Asks the engine for its API versions ({@code /_ping}'s {@code Api-Version}, then
     * {@code /version}'s range) and settles on the newest both sides speak.
     *
     * @throws EngineUnreachableException if nothing answers
     * @throws EngineApiTooOldException if the engine is older than {@link ApiVersion#MINIMUM}
     */
    public ApiVersion negotiate() {
        ApiVersion engineMax;
        try (EngineResponse ping = sendUnversioned(quick("/_ping"))) {
            if (ping.status() != 200) {
                throw new EngineUnreachableException(engine(), "Something answered at " + engine() + " (" + host.source()
                        + ") but not like a Docker Engine: /_ping gave HTTP " + ping.status() + ". Point DOCKER_HOST at the engine.", null);
            }
            String header = ping.header("Api-Version");
            engineMax = header == null ? null : ApiVersion.parse(header);
        } catch (IOException e) {
            throw unreachable(e);
        }
        try (EngineResponse versions = sendUnversioned(quick("/version"))) {
            JsonNode body = versions.json();
            if (body.hasNonNull("ApiVersion")) {
                engineMax = ApiVersion.parse(body.get("ApiVersion").asText());
            }
            if (body.hasNonNull("MinAPIVersion")
                    && ApiVersion.parse(body.get("MinAPIVersion").asText()).compareTo(ApiVersion.MAXIMUM) > 0) {
                throw new DockerEngineException(engine(), "The Docker Engine at " + engine() + " no longer speaks API "
                        + ApiVersion.MAXIMUM + " (its oldest is " + body.get("MinAPIVersion").asText()
                        + "). Use a newer ecr-toolkit.");
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (engineMax == null) {
            throw new EngineApiTooOldException(engine(), "unknown (no Api-Version header)", ApiVersion.MINIMUM.toString());
        }
        if (engineMax.isBelowMinimum()) {
            throw new EngineApiTooOldException(engine(), engineMax.toString(), ApiVersion.MINIMUM.toString());
        }
        version = ApiVersion.negotiate(engineMax);
        return version;
    }

    /** The negotiated version; negotiates on first use. */
    public ApiVersion version() {
        ApiVersion v = version;
        return v != null ? v : negotiate();
    }

    /** Sends {@code method pathAndQuery} under {@code /v<version>}; the caller closes the response. */
    public EngineResponse send(String method, String pathAndQuery, Map<String, String> headers, HttpEntity body) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create("/v" + version() + pathAndQuery));
        // every header given here carries registry credentials (X-Registry-Auth / X-Registry-Config)
        headers.forEach((name, value) -> request.setHeader(SecretHeader.of(name, value)));
        if (body != null) {
            request.setEntity(body);
        }
        try {
            return sendUnversioned(request);
        } catch (IOException e) {
            throw new DockerEngineException(engine(), "Lost the Docker Engine at " + engine() + " during " + method + " "
                    + pathAndQuery.replaceFirst("\\?.*", "") + ": " + e.getMessage() + ". Check that the engine is running.", e);
        }
    }

    /** A GET that must answer soon: a hung listener is not an engine. */
    private HttpUriRequestBase quick(String path) {
        HttpUriRequestBase request = new HttpUriRequestBase("GET", URI.create(path));
        RequestConfig.Builder config = RequestConfig.custom().setResponseTimeout(NEGOTIATION_TIMEOUT);
        host.unixSocket().ifPresent(config::setUnixDomainSocket);
        request.setConfig(config.build());
        return request;
    }

    private EngineResponse sendUnversioned(HttpUriRequestBase request) throws IOException {
        ClassicHttpResponse response = client.executeOpen(target, request, null);
        return new EngineResponse(response);
    }

    private EngineUnreachableException unreachable(IOException e) {
        String hint = host.unixSocket().map(s -> "Start Docker (is " + s + " there, and may this user open it?)")
                .orElse("Start the engine or fix the address");
        return new EngineUnreachableException(engine(), "No Docker Engine answered at " + engine() + " (" + host.source()
                + "): " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                + ". " + hint + ", or set DOCKER_HOST to where the engine listens.", e);
    }

    /** The engine's address, for messages. */
    public String engine() {
        return host.uri().toString();
    }

    public DockerHost host() {
        return host;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** A response whose body is still open; close it. */
    public static final class EngineResponse implements Closeable {
        private final ClassicHttpResponse response;

        EngineResponse(ClassicHttpResponse response) {
            this.response = response;
        }

        public int status() {
            return response.getCode();
        }

        public String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        public String text() throws IOException {
            try (InputStream in = body()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        public JsonNode json() throws IOException {
            try (InputStream in = body()) {
                return JSON.readTree(in);
            }
        }

        /** The engine's {@code {"message": …}} for an error answer, or the raw text. */
        public String errorMessage() {
            try {
                String text = text();
                try {
                    JsonNode node = JSON.readTree(text);
                    if (node != null && node.hasNonNull("message")) {
                        return node.get("message").asText();
                    }
                } catch (IOException notJson) {
                    // fall through to the raw text
                }
                return text.isBlank() ? "HTTP " + status() : text.trim();
            } catch (IOException e) {
                return "HTTP " + status();
            }
        }

        @Override
        public void close() throws IOException {
            response.close();
        }
    }
}
