package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.util.function.LongConsumer;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

import io.github.ecrtoolkit.core.image.Digest;

/**
 * {@code PATCH <location>} with the whole blob, streamed in one request (never several chunks: ECR
 * mishandles them); answers the location to commit at. Not idempotent: a failure restarts the upload.
 */
record BlobPatch(String location, String repository, Digest digest, long size, BlobSource source, LongConsumer progress)
        implements Endpoint<String> {

    @Override public Kind kind() { return Kind.UPLOAD; }
    @Override public String method() { return "PATCH"; }
    @Override public String url() { return location; }
    @Override public String scope() { return Routes.pushScope(repository); }
    @Override public boolean idempotent() { return false; }
    @Override public String what() { return "uploading blob " + digest; }
    @Override public HttpEntity body() { return new ProgressEntity(source, size, progress); }

    @Override
    public String handle(ClassicHttpResponse response, Refusals refusals) throws IOException {
        int status = response.getCode();
        if (status == 202 || status == 204 || status == 201) {
            checkRange(HttpTransport.header(response, "Range"), status);
            String next = HttpTransport.header(response, "Location");
            return next == null ? location : Routes.resolve(next, location);
        }
        throw refusals.of(this, response);
    }

    /** ECR has been seen to drop data silently: the Range it acknowledges must cover the whole blob. */
    private void checkRange(String range, int status) {
        if (range == null || size < 0) {
            return;
        }
        String end = range.substring(range.indexOf('-') + 1).trim();
        try {
            if (Long.parseLong(end) != size - 1) {
                throw new HttpTransport.TransientFailure("the registry acknowledged bytes " + range + " of blob " + digest
                        + " (" + size + " bytes sent); uploading it again", status, null, null, null);
            }
        } catch (NumberFormatException unreadable) {
            // a Range we cannot read proves nothing either way; the commit checks the digest
        }
    }
}
