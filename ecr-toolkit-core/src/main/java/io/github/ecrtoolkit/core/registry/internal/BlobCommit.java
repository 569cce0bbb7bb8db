package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import io.github.ecrtoolkit.core.image.Digest;

/** {@code PUT <location>?digest=<digest>}: ends an upload; the registry checks the digest. */
record BlobCommit(String location, String repository, Digest digest) implements Endpoint<Void> {

    @Override public Kind kind() { return Kind.COMMIT; }
    @Override public String method() { return "PUT"; }
    @Override public String url() { return Routes.withDigest(location, digest); }
    @Override public String scope() { return Routes.pushScope(repository); }
    @Override public boolean idempotent() { return false; }
    @Override public String what() { return "committing blob " + digest; }
    @Override public HttpEntity body() { return new ByteArrayEntity(new byte[0], null); }

    @Override
    public Void handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() == 201 || response.getCode() == 204) {
            return null;
        }
        throw refusals.of(this, response);
    }
}
