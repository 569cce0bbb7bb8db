package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.registry.RegistryException;

/** {@code GET /v2/}: whether the registry speaks the API, and how it wants to be authenticated. */
record Ping(String baseUrl) implements Endpoint<Challenge> {

    @Override public Kind kind() { return Kind.PING; }
    @Override public String method() { return "GET"; }
    @Override public String url() { return baseUrl + "/v2/"; }
    @Override public String repository() { return null; }
    @Override public String what() { return "probing /v2/"; }

    @Override
    public Challenge handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        int code = response.getCode();
        if (code == 401) {
            return Challenge.parse(HttpTransport.header(response, "WWW-Authenticate"));
        }
        if (code == 200) {
            return Challenge.NONE;
        }
        String host = java.net.URI.create(baseUrl).getAuthority();
        if (code == 404) {
            throw new RegistryException(host + " does not speak the OCI distribution API (/v2/ answered 404)", host, null, 404, null);
        }
        throw refusals.of(this, response);
    }
}
