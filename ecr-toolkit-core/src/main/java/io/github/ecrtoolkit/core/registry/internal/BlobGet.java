package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.image.Digest;

/**
 * {@code GET} of a blob at {@code url} (the registry's, or where it redirected to): the open body
 * (an {@link java.io.InputStream} that closes the response), or the next location (a {@link String})
 * when redirected — ECR sends downloads to S3; our credentials never follow to another host.
 */
record BlobGet(String url, String repository, Digest digest) implements Endpoint<Object> {

    @Override public Kind kind() { return Kind.BLOB_GET; }
    @Override public String method() { return "GET"; }
    @Override public String scope() { return Routes.pullScope(repository); }
    @Override public boolean streams() { return true; }
    @Override public String what() { return "downloading blob " + digest; }

    @Override
    public Object handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        int code = response.getCode();
        if (code == 200 && response.getEntity() != null) {
            return response.getEntity().getContent();
        }
        String location = HttpTransport.header(response, "Location");
        if (Routes.isRedirect(code) && location != null) {
            return Routes.resolve(location, url);
        }
        throw refusals.of(this, response);
    }
}
