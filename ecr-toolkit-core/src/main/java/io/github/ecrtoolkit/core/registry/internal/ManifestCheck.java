package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.util.Optional;

import org.apache.hc.core5.http.ClassicHttpResponse;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.MediaTypes;

/** {@code HEAD /v2/<repository>/manifests/<tag>}: whether the tag exists, and its digest when the registry says it. */
record ManifestCheck(Routes routes, String repository, String reference) implements Endpoint<ManifestCheck.Answer> {

    /** @param digest empty when the registry sent no {@code Docker-Content-Digest} (then a GET tells) */
    record Answer(boolean exists, Optional<Digest> digest) {
    }

    @Override public Kind kind() { return Kind.MANIFEST_CHECK; }
    @Override public String method() { return "HEAD"; }
    @Override public String url() { return routes.manifest(repository, reference); }
    @Override public String scope() { return Routes.pullScope(repository); }
    @Override public String accept() { return String.join(", ", MediaTypes.MANIFEST_ACCEPT); }
    @Override public String what() { return "checking manifest " + reference; }

    @Override
    public Answer handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        if (response.getCode() == 404) {
            return new Answer(false, Optional.empty());
        }
        if (response.getCode() != 200) {
            throw refusals.of(this, response);
        }
        String digest = HttpTransport.header(response, "Docker-Content-Digest");
        return new Answer(true, digest == null ? Optional.empty() : Optional.of(Digest.parse(digest)));
    }
}
