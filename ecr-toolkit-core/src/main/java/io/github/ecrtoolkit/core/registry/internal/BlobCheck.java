package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.util.Optional;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.image.Digest;

/** {@code HEAD /v2/<repository>/blobs/<digest>}: the blob's size when the repository has it (-1 when not said). */
record BlobCheck(Routes routes, String repository, Digest digest) implements Endpoint<Optional<Long>> {

    @Override public Kind kind() { return Kind.BLOB_CHECK; }
    @Override public String method() { return "HEAD"; }
    @Override public String url() { return routes.blob(repository, digest); }
    @Override public String scope() { return Routes.pullScope(repository); }
    @Override public String what() { return "checking blob " + digest; }

    @Override
    public Optional<Long> handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        int code = response.getCode();
        if (Routes.isRedirect(code)) {
            return Optional.of(-1L); // stored, served from elsewhere
        }
        if (code == 200) {
            String length = HttpTransport.header(response, "Content-Length");
            return Optional.of(length == null ? -1L : Long.parseLong(length));
        }
        if (code == 404) {
            return Optional.empty();
        }
        throw refusals.of(this, response);
    }
}
