package io.github.ecrtoolkit.core.registry.internal;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import io.github.ecrtoolkit.core.internal.SecretHeader;

/**
 * The HTTP layer of one registry: a pooled Apache HttpClient 5, verified TLS (plain HTTP only for a
 * loopback registry the caller allowed), one attempt per call, every wait bounded by its
 * {@link Timeouts} (a stalled upload by a {@link StallWatch}). It sorts answers for the layers
 * above: 401 is {@link Unauthorized} (for {@link AuthTransport}), 429, 5xx, broken connections and
 * waits that ran out are {@link TransientFailure} (for {@link RetryTransport}), failures no retry
 * cures fail at once ({@link NetworkFailures}), anything else goes to the endpoint.
 * Thread-safe.
 */
final class HttpTransport implements Closeable {

    private static final String USER_AGENT = "ecr-toolkit/0.1";

    /** The registry asked for (other) credentials. */
    static final class Unauthorized extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient String challenge;

        Unauthorized(String challenge) {
            super(null, null, false, false);
            this.challenge = challenge;
        }
    }

    /** An answer or failure that may go away if the same request is sent again later. */
    static final class TransientFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient String code;
        final transient Duration retryAfter;

        TransientFailure(String message, int status, String code, Duration retryAfter, Throwable cause) {
            super(message, cause, false, false);
            this.status = status;
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    private final String host;
    private final String baseUrl;
    private final int connections;
    private final Timeouts timeouts;
    /** Built on first use: see {@link io.github.ecrtoolkit.core.build.internal.Warmup}. */
    private volatile CloseableHttpClient http;

    HttpTransport(String host, String baseUrl, int connections, Timeouts timeouts) {
        this.host = host;
        this.baseUrl = baseUrl;
        this.connections = connections;
        this.timeouts = timeouts;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Whether {@code url} is on this registry (then it may carry our credentials). */
    boolean isOwn(String url) {
        return url.startsWith(baseUrl + "/");
    }

    /**
     * Sends {@code endpoint} once, with {@code authorization} when not null; {@code refusals} turns an
     * answer the endpoint does not expect into an exception.
     */
    <T> T exchange(Endpoint<T> endpoint, String authorization, Refusals refusals) {
        HttpUriRequestBase request = new HttpUriRequestBase(endpoint.method(), URI.create(endpoint.url()));
        if (endpoint.accept() != null) {
            request.setHeader("Accept", endpoint.accept());
        }
        if (authorization != null && isOwn(endpoint.url())) {
            request.setHeader(SecretHeader.of("Authorization", authorization));
        }
        HttpEntity body = endpoint.body();
        request.setEntity(body);
        String failure = endpoint.method() + " " + URI.create(endpoint.url()).getPath();
        boolean plain = baseUrl.startsWith("http:");
        ClassicHttpResponse response;
        StallWatch watch = body instanceof ProgressEntity upload ? upload.watchedBy(StallWatch.of(request, timeouts.stall(), timeouts.response())) : null;
        try {
            response = client().executeOpen(null, request, null);
        } catch (IOException e) {
            throw NetworkFailures.of(host, plain, endpoint, e, timeouts, watch != null && watch.stalled());
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
        boolean handedOn = false;
        try {
            int status = response.getCode();
            if (plain && status == 400 && endpoint.kind() == Endpoint.Kind.PING) {
                throw NetworkFailures.plainRefused(host, URI.create(endpoint.url()).getAuthority());
            }
            if (status == 401 && endpoint.kind() != Endpoint.Kind.PING) {
                throw new Unauthorized(header(response, "WWW-Authenticate"));
            }
            if (status == 429 || (status >= 500 && status != 501)) {
                String code = Refusals.read(response).code();
                throw new TransientFailure(failure + " answered HTTP " + status + (code == null ? "" : " " + code),
                        status, code, retryAfter(response), null);
            }
            T result = endpoint.handle(response, refusals);
            if (endpoint.streams() && result instanceof InputStream stream) {
                handedOn = true;
                @SuppressWarnings("unchecked")
                T closing = (T) closingResponse(stream, response);
                return closing;
            }
            return result;
        } catch (IOException e) {
            throw new TransientFailure(failure + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 0, null, null, e);
        } finally {
            if (!handedOn) {
                closeQuietly(response);
            }
        }
    }

    /** The HTTP client itself, for the token service's requests. */
    CloseableHttpClient client() {
        CloseableHttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    http = h = newClient(connections, timeouts);
                }
            }
        }
        return h;
    }

    private static CloseableHttpClient newClient(int connections, Timeouts timeouts) {
        Timeout connect = Timeout.of(timeouts.connect());
        Timeout response = Timeout.of(timeouts.response());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new LazyTlsStrategy())
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                // Registries send no cookies and auth is ours; content decoding must never touch a
                // blob (its bytes are what its digest names) and would load a codec registry.
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                // bounds the wait for an answer and each read of a download (the socket timeout of the exchange)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(response).build())
                .build();
    }

    private static InputStream closingResponse(InputStream stream, ClassicHttpResponse response) {
        return new FilterInputStream(stream) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    response.close();
                }
            }
        };
    }

    static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        String value = header(response, "Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded
        }
    }

    @Override
    public void close() {
        CloseableHttpClient h = http;
        if (h != null) {
            try {
                h.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
