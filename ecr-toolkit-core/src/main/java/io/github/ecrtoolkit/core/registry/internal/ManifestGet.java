package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.MediaTypes;

/** {@code GET /v2/<repository>/manifests/<tag or digest>}: the manifest or index as stored. */
record ManifestGet(Routes routes, String repository, String reference) implements Endpoint<RegistryClient.Manifest> {

    @Override public Kind kind() { return Kind.MANIFEST_GET; }
    @Override public String method() { return "GET"; }
    @Override public String url() { return routes.manifest(repository, reference); }
    @Override public String scope() { return Routes.pullScope(repository); }
    @Override public String accept() { return String.join(", ", MediaTypes.MANIFEST_ACCEPT); }
    @Override public String what() { return "fetching manifest " + reference; }

    @Override
    public RegistryClient.Manifest handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() != 200) {
            throw refusals.of(this, response);
        }
        byte[] bytes = EntityUtils.toByteArray(response.getEntity());
        String type = ImageJson.mediaTypeOf(bytes).orElseGet(() -> contentType(response));
        return new RegistryClient.Manifest(bytes, type, Digest.sha256(bytes));
    }

    private static String contentType(ClassicHttpResponse response) {
        String type = HttpTransport.header(response, "Content-Type");
        return type == null ? MediaTypes.OCI_MANIFEST : type.split(";")[0].trim();
    }
}
