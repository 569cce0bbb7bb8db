package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.registry.RegistryException;

/** {@code POST /v2/<repository>/blobs/uploads/}: opens an upload, answering its location. */
record UploadStart(Routes routes, String repository) implements Endpoint<String> {

    @Override public Kind kind() { return Kind.UPLOAD_START; }
    @Override public String method() { return "POST"; }
    @Override public String url() { return routes.uploads(repository); }
    @Override public String scope() { return Routes.pushScope(repository); }
    @Override public String what() { return "starting an upload"; }

    @Override
    public String handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() == 202) {
            String location = HttpTransport.header(response, "Location");
            if (location == null) {
                String host = java.net.URI.create(url()).getAuthority();
                throw new RegistryException("registry " + host + " opened an upload without a Location", host, repository, 202, null);
            }
            return Routes.resolve(location, url());
        }
        throw refusals.of(this, response);
    }
}
