package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.core.registry.RegistryAccessDeniedException;
import io.github.ecrtoolkit.core.registry.RegistryAuthenticationException;
import io.github.ecrtoolkit.core.registry.RegistryException;
import io.github.ecrtoolkit.core.registry.RepositoryNotFoundException;

/**
 * The one place where a registry's refusal becomes an exception: by the endpoint that was refused,
 * the HTTP status and the distribution error code ({@code NAME_UNKNOWN}, {@code DENIED}, …), never
 * by the text of a message.
 */
final class Refusals {

    /** The first entry of a distribution API error body. */
    record ErrorBody(String code, String message) {
        static final ErrorBody NONE = new ErrorBody(null, null);
    }

    private final String host;
    private final java.util.function.Supplier<String> username;
    private final java.util.function.BooleanSupplier anonymous;

    Refusals(String host, java.util.function.Supplier<String> username, java.util.function.BooleanSupplier anonymous) {
        this.host = host;
        this.username = username;
        this.anonymous = anonymous;
    }

    /** The exception for {@code endpoint}'s unexpected answer. Reads the body. */
    RegistryException of(Endpoint<?> endpoint, ClassicHttpResponse response) throws IOException {
        return of(endpoint, response.getCode(), read(response));
    }

    RegistryException of(Endpoint<?> endpoint, int status, ErrorBody body) {
        String repository = endpoint.repository();
        String code = body.code();
        String where = host + (repository == null ? "" : "/" + repository);
        String detail = " (HTTP " + status + (code == null ? "" : " " + code)
                + (body.message() == null || body.message().isBlank() ? "" : ": " + body.message()) + ")";
        boolean uploadsThere = endpoint.kind() == Endpoint.Kind.UPLOAD_START || endpoint.kind() == Endpoint.Kind.MOUNT;
        if ("NAME_UNKNOWN".equals(code) || (status == 404 && uploadsThere)) {
            return new RepositoryNotFoundException("repository '" + repository + "' does not exist in registry " + host + detail
                    + "; create it first: registry.createRepository(\"" + repository + "\"), .createRepository() on the build,"
                    + " or --create-repository on the command line", host, repository, status, code);
        }
        boolean manifest = endpoint.kind() == Endpoint.Kind.MANIFEST_GET || endpoint.kind() == Endpoint.Kind.MANIFEST_CHECK;
        if ("MANIFEST_UNKNOWN".equals(code) || (status == 404 && manifest)) {
            return new ManifestNotFoundException("image not found: " + endpoint.what() + " in " + where + detail,
                    host, repository, status, code);
        }
        if ((status == 401 || status == 403 || "DENIED".equals(code)) && anonymous.getAsBoolean()) {
            return new RegistryAuthenticationException("registry " + host + " refused " + endpoint.what() + " without credentials"
                    + detail + "; give them: RegistryCredentials.basic(user, password) in code, REGISTRY_USERNAME and"
                    + " REGISTRY_PASSWORD on the command line, or run 'docker login " + host + "' (the command line reads"
                    + " ~/.docker/config.json)", host, repository, status, code);
        }
        if (status == 403 || "DENIED".equals(code)) {
            return new RegistryAccessDeniedException("registry " + host + " denied " + endpoint.what() + " for user "
                    + username.get() + detail + "; the credentials are valid but lack permission on " + where,
                    host, repository, status, code);
        }
        if (status == 401) {
            return new RegistryAuthenticationException("registry " + host + " refused the credentials of user " + username.get()
                    + " while " + endpoint.what() + detail + "; check the user name and password, or for ECR the AWS identity"
                    + " and region", host, repository, status, code);
        }
        return new RegistryException(endpoint.what() + " in " + where + " failed" + detail, host, repository, status, code);
    }

    /** Whether a manifest PUT was refused because the tag is immutable (ECR: {@code TAG_INVALID}). */
    static boolean isImmutableTag(Endpoint<?> endpoint, RegistryException refusal) {
        return endpoint.kind() == Endpoint.Kind.MANIFEST_PUT && "TAG_INVALID".equals(refusal.code().orElse(null));
    }

    /** The error body's first entry; a body that is not the API's JSON gives its first 200 characters as message. */
    static ErrorBody read(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return ErrorBody.NONE;
        }
        String body = new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return ErrorBody.NONE;
        }
        try {
            var first = ImageJson.mapper().readTree(body).path("errors").path(0);
            return new ErrorBody(first.path("code").asText(null), first.path("message").asText(null));
        } catch (IOException | RuntimeException notJson) {
            return new ErrorBody(null, body.length() > 200 ? body.substring(0, 200) : body);
        }
    }
}
