package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One request of the distribution API, as a small object: its method and URL, the auth scope it
 * needs, how to read the answer, and what it is for in messages. The transports around it add
 * auth ({@link AuthTransport}), retries ({@link RetryTransport}) and the HTTP itself
 * ({@link HttpTransport}); an endpoint only says what a good answer is.
 *
 * @param <T> what a good answer gives
 */
interface Endpoint<T> {

    /** What kind of request this is: errors are classified by it (see {@link Refusals}). */
    enum Kind { PING, BLOB_CHECK, BLOB_GET, MOUNT, UPLOAD_START, UPLOAD, COMMIT, MANIFEST_GET, MANIFEST_CHECK, MANIFEST_PUT }

    Kind kind();

    String method();

    /** The absolute URL. */
    String url();

    /** The repository it concerns, or null ({@code /v2/}). */
    String repository();

    /** The token scope, e.g. {@code repository:app:pull,push}; null for none. */
    default String scope() {
        return null;
    }

    /** The {@code Accept} header, or null. */
    default String accept() {
        return null;
    }

    /** A fresh body for each attempt, or null. */
    default HttpEntity body() {
        return null;
    }

    /** Whether a failed attempt may simply be sent again (a PATCH or a commit may not: the upload restarts). */
    default boolean idempotent() {
        return true;
    }

    /** Whether the answer's body is handed on open (a blob download); then {@link #handle} returns the stream. */
    default boolean streams() {
        return false;
    }

    /** What this request does, for messages: {@code checking blob sha256:…}. */
    String what();

    /**
     * Reads an answer that is neither 401, 429 nor 5xx (those the transports handle).
     *
     * @throws io.github.ecrtoolkit.core.registry.RegistryException via {@link Refusals#of} for an answer it does not expect
     */
    T handle(ClassicHttpResponse response, Refusals refusals) throws IOException;
}
