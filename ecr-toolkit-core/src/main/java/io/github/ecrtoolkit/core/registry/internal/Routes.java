package io.github.ecrtoolkit.core.registry.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.ecrtoolkit.core.image.Digest;

/** The URLs and token scopes of the distribution API under one base URL. */
record Routes(String baseUrl) {

    String blob(String repository, Digest digest) {
        return baseUrl + "/v2/" + repository + "/blobs/" + digest;
    }

    String uploads(String repository) {
        return baseUrl + "/v2/" + repository + "/blobs/uploads/";
    }

    String mount(String repository, Digest digest, String fromRepository) {
        return uploads(repository) + "?mount=" + enc(digest.toString()) + "&from=" + enc(fromRepository);
    }

    String manifest(String repository, String reference) {
        return baseUrl + "/v2/" + repository + "/manifests/" + reference;
    }

    /** {@code location} (absolute or relative, as registries answer) against the URL it came from. */
    static String resolve(String location, String against) {
        return URI.create(against).resolve(location).toString();
    }

    /** Adds {@code ?digest=} (or {@code &digest=}) to an upload location. */
    static String withDigest(String location, Digest digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString());
    }

    static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
