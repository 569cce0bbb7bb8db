package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.image.Digest;

/**
 * {@code POST /v2/<repository>/blobs/uploads/?mount=<digest>&from=<other>}: true when mounted (201);
 * false when the registry wants the blob uploaded instead (202: mounts disabled, or blob unknown).
 */
record BlobMount(Routes routes, String repository, Digest digest, String fromRepository) implements Endpoint<Boolean> {

    @Override public Kind kind() { return Kind.MOUNT; }
    @Override public String method() { return "POST"; }
    @Override public String url() { return routes.mount(repository, digest, fromRepository); }
    @Override public String scope() { return Routes.pushScope(repository) + " " + Routes.pullScope(fromRepository); }
    @Override public String what() { return "mounting blob " + digest + " from " + fromRepository; }

    @Override
    public Boolean handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() == 201) {
            return true;
        }
        if (response.getCode() == 202) {
            return false; // the upload session it opened is abandoned; the registry expires it
        }
        throw refusals.of(this, response);
    }
}
