package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.util.Optional;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

import io.github.ecrtoolkit.core.registry.RegistryException;

/**
 * {@code PUT /v2/<repository>/manifests/<tag or digest>}: stores the manifest. Answers the refusal
 * when the tag is immutable ({@code TAG_INVALID}), for the caller to check whether it already names
 * this very manifest; any other refusal is thrown.
 */
record ManifestPut(Routes routes, String repository, String reference, String mediaType, byte[] bytes)
        implements Endpoint<Optional<RegistryException>> {

    @Override public Kind kind() { return Kind.MANIFEST_PUT; }
    @Override public String method() { return "PUT"; }
    @Override public String url() { return routes.manifest(repository, reference); }
    @Override public String scope() { return Routes.pushScope(repository); }
    @Override public String what() { return "pushing manifest " + reference; }
    @Override public HttpEntity body() { return new ByteArrayEntity(bytes, ContentType.create(mediaType)); }

    @Override
    public Optional<RegistryException> handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() == 201 || response.getCode() == 200) {
            return Optional.empty();
        }
        RegistryException refusal = refusals.of(this, response);
        if (Refusals.isImmutableTag(this, refusal)) {
            return Optional.of(refusal);
        }
        throw refusal;
    }
}
