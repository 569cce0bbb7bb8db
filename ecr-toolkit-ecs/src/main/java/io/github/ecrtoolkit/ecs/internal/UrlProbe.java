package io.github.ecrtoolkit.ecs.internal;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.util.Timeout;

/**
 * Asks whether a URL serves: the HTTP status of a GET, or 0 when it cannot be reached (no DNS yet,
 * connection refused, TLS not ready). Used to wait until an Express Mode service's URL answers.
 */
@FunctionalInterface
public interface UrlProbe {

    int status(URI uri);

    /** A GET through Apache HttpClient 5 (the project's HTTP stack), 10 s to connect and to answer, no retries. */
    UrlProbe HTTP = uri -> {
        RequestConfig config = RequestConfig.custom().setConnectionRequestTimeout(Timeout.of(10, TimeUnit.SECONDS))
                .setResponseTimeout(Timeout.of(10, TimeUnit.SECONDS)).setRedirectsEnabled(false).build();
        try (CloseableHttpClient client = HttpClients.custom().setDefaultRequestConfig(config).disableAutomaticRetries().build()) {
            return client.execute(new HttpGet(uri), response -> response.getCode());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    };
}
