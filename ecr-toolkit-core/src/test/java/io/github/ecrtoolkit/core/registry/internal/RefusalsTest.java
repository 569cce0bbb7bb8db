package io.github.ecrtoolkit.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.registry.ImmutableTagException;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.core.registry.RegistryAccessDeniedException;
import io.github.ecrtoolkit.core.registry.RegistryAuthenticationException;
import io.github.ecrtoolkit.core.registry.RegistryException;
import io.github.ecrtoolkit.core.registry.RepositoryNotFoundException;

/** Refusals are classified by the endpoint refused, the status and the registry's code — never by message text. */
class RefusalsTest {

    private static final Routes ROUTES = new Routes("https://r.example.com");
    private static final Digest DIGEST = Digest.sha256(new byte[0]);
    private final Refusals refusals = new Refusals("r.example.com", () -> "AWS", () -> false);

    private RegistryException refuse(Endpoint<?> endpoint, int status, String code, String message) {
        return refusals.of(endpoint, status, new Refusals.ErrorBody(code, message));
    }

    @Test
    void uploadStart404_withoutCode_isAMissingRepository_asEcrAnswersIt() {
        RegistryException e = refuse(new UploadStart(ROUTES, "orders"), 404, null, null);

        assertThat(e).isInstanceOf(RepositoryNotFoundException.class).hasMessageContaining("createRepository(\"orders\")");
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void blobCheck404_isNotAMissingRepository_butNameUnknownAnywhereIs() {
        assertThat(refuse(new BlobMount(ROUTES, "orders", DIGEST, "base"), 404, "NAME_UNKNOWN", "x"))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(refuse(new BlobGet(ROUTES.blob("orders", DIGEST), "orders", DIGEST), 404, "BLOB_UNKNOWN", null))
                .isExactlyInstanceOf(RegistryException.class);
    }

    @Test
    void manifestGet404_isAMissingImage() {
        RegistryException e = refuse(new ManifestGet(ROUTES, "orders", "1"), 404, null, null);

        assertThat(e).isInstanceOf(ManifestNotFoundException.class).hasMessageContaining("fetching manifest 1");
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void deniedOr403_isAccessDenied_naming_theUser_andWhatWasRefused() {
        RegistryException e = refuse(new BlobCheck(ROUTES, "orders", DIGEST), 403, null, null);

        assertThat(e).isInstanceOf(RegistryAccessDeniedException.class).hasMessageContaining("user AWS", "checking blob");
        assertThat(refuse(new UploadStart(ROUTES, "orders"), 400, "DENIED", null)).isInstanceOf(RegistryAccessDeniedException.class);
        assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void unauthorized_isAnAuthenticationFailure() {
        assertThat(refuse(new ManifestPut(ROUTES, "orders", "1", "application/json", new byte[0]), 401, "UNAUTHORIZED", null))
                .isInstanceOf(RegistryAuthenticationException.class)
                .satisfies(e -> assertThat(((RegistryException) e).reason()).isEqualTo(Reason.ACCESS_DENIED));
    }

    @Test
    void immutableTag_isTagInvalidOnAManifestPut_only_whateverTheMessageSays() {
        ManifestPut put = new ManifestPut(ROUTES, "orders", "1", "application/json", new byte[0]);

        assertThat(Refusals.isImmutableTag(put, refuse(put, 400, "TAG_INVALID", "tag already exists"))).isTrue();
        assertThat(Refusals.isImmutableTag(put, refuse(put, 400, "MANIFEST_INVALID", "the repository is immutable"))).isFalse();
        assertThat(Refusals.isImmutableTag(new UploadStart(ROUTES, "orders"), refuse(put, 400, "TAG_INVALID", null))).isFalse();
        assertThat(new ImmutableTagException("m", "h", "r", 400, "TAG_INVALID").reason()).isEqualTo(Reason.CONFLICT);
    }
}
