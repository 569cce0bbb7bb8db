package io.github.ecrtoolkit.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * WireMock in front of a real registry, for tests that must see or disturb the requests a push
 * sends: it counts them, measures how many were in flight at once, slows some down and fails one.
 * Blob bodies do not pass it (WireMock would un-gzip them): the registry answers upload locations on
 * its own address, so PATCH and commit PUT go there directly. Close it after the test.
 */
public final class RegistryProxy implements AutoCloseable {

    private final WireMockServer server;
    private final TestRegistry upstream;

    public RegistryProxy(TestRegistry upstream) {
        this.upstream = upstream;
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(upstream.url())));
    }

    /** {@code 127.0.0.1:port} of the proxy: a registry host to push to. */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** Blob HEADs take {@code millis} longer, so that requests overlap when nothing caps them. */
    public RegistryProxy slowBlobChecks(int millis) {
        server.stubFor(head(urlPathMatching("/v2/.*/blobs/sha256:.*")).atPriority(5)
                .willReturn(aResponse().proxiedFrom(upstream.url()).withFixedDelay(millis)));
        return this;
    }

    /** The first manifest PUT answers 503, as a registry under load does; later ones pass. */
    public RegistryProxy failFirstManifestPut() {
        server.stubFor(put(urlPathMatching("/v2/.*/manifests/.*")).atPriority(1).inScenario("first-put")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed-once")
                .willReturn(aResponse().withStatus(503)));
        return this;
    }

    /** How many manifest PUTs reached the proxy. */
    public int manifestPuts() {
        return server.findAll(putRequestedFor(urlPathMatching("/v2/.*/manifests/.*"))).size();
    }

    /** The most requests the proxy served at the same moment. */
    public int maxInFlight() throws InterruptedException {
        // WireMock records an event's timing just after the response is sent: wait for the last ones
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.getAllServeEvents().stream().anyMatch(e -> e.getTiming() == null || e.getTiming().getTotalTime() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<long[]> spans = server.getAllServeEvents().stream()
                .map(e -> new long[] {e.getRequest().getLoggedDate().getTime(),
                        e.getRequest().getLoggedDate().getTime() + e.getTiming().getTotalTime()}).toList();
        int max = 0;
        for (long[] span : spans) {
            long at = span[0];
            max = Math.max(max, (int) spans.stream().filter(o -> o[0] <= at && at < o[1]).count());
        }
        return max;
    }

    @Override
    public void close() {
        server.stop();
    }
}
