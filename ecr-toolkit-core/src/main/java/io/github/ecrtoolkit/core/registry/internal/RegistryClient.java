package io.github.ecrtoolkit.core.registry.internal;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.internal.SecretHeader;
import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.registry.ImmutableTagException;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.core.registry.RegistryAccessDeniedException;
import io.github.ecrtoolkit.core.registry.RegistryAuthenticationException;
import io.github.ecrtoolkit.core.registry.RegistryException;
import io.github.ecrtoolkit.core.registry.RegistryUnavailableException;
import io.github.ecrtoolkit.core.registry.RepositoryNotFoundException;

/**
 * The OCI distribution API of one registry over Apache HttpClient 5. Auth, retries and the cap on
 * requests in flight all live here. Blobs go up as POST, one streaming PATCH, PUT {@code ?digest=}
 * (never several chunks: ECR mishandles them). Thread-safe.
 */
public final class RegistryClient implements Closeable {

    /** Looked up on first log line: the logging back end starts (a service lookup) off the push's critical path (issue 4). */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    }
    private static final String USER_AGENT = "ecr-toolkit/0.1";

    private final String host;
    private final String baseUrl;
    private final int maxInFlight;
    /** Built on first use, see {@link #http()}. */
    private volatile CloseableHttpClient http;
    private final RegistryAuth auth;
    private final Semaphore inFlight;
    private final RetryPolicy retry;

    /** A manifest as the registry stores it. */
    public record Manifest(byte[] bytes, String mediaType, Digest digest) {
    }

    private interface Handler<T> {
        T handle(ClassicHttpResponse response) throws IOException;
    }

    private RegistryClient(String host, String baseUrl, RegistryCredentialsProvider credentials, int maxInFlight, RetryPolicy retry) {
        this.host = host;
        this.baseUrl = baseUrl;
        this.retry = retry;
        this.inFlight = new Semaphore(maxInFlight, true);
        this.maxInFlight = maxInFlight;
        this.auth = new RegistryAuth(host, credentials, this::http);
    }

    /**
     * The HTTP client, built on the first request rather than with this object. Why (issue 4):
     * building it loads about 300 classes (0.1–0.2 s); built by the push's auth probe on another
     * thread, it overlaps the layer walk on the main thread instead of preceding it.
     */
    private CloseableHttpClient http() {
        CloseableHttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    http = h = newHttpClient(maxInFlight);
                }
            }
        }
        return h;
    }

    private static CloseableHttpClient newHttpClient(int maxInFlight) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new LazyTlsStrategy())
                .setMaxConnTotal(maxInFlight + 4)
                .setMaxConnPerRoute(maxInFlight + 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(15))
                        .setSocketTimeout(Timeout.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                // Why (issue 4): registries send no cookies, and auth is RegistryAuth's; content
                // decoding would load commons-compress's codec registry, and must never touch blobs
                // anyway (a blob's bytes are what its digest names). About 60 fewer classes per process.
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(5)).build())
                .build();
    }

    /**
     * A client for {@code host}. TLS (verified) unless {@code insecure}, which only loopback hosts may ask for.
     *
     * @throws EcrToolkitException when plain HTTP is asked for a host that is not loopback
     */
    public static RegistryClient create(String host, RegistryCredentialsProvider credentials, boolean insecure,
                                        int maxInFlight, RetryPolicy retry) {
        if (insecure && !ImageReference.isLoopbackHost(host)) {
            throw new EcrToolkitException("plain HTTP was asked for registry " + host
                    + ", but it is only allowed for loopback registries (localhost, 127.0.0.1, [::1]); use TLS");
        }
        // Docker Hub's name in references is not where its API answers
        String apiHost = ImageReference.DOCKER_HUB.equals(host) ? "registry-1.docker.io" : host;
        return new RegistryClient(host, (insecure ? "http://" : "https://") + apiHost, credentials, maxInFlight, retry);
    }

    public String host() {
        return host;
    }

    /** Probes {@code /v2/} and learns how the registry wants to be authenticated. */
    public void ping() {
        send("GET", baseUrl + "/v2/", null, null, null, null, true, response -> {
            int code = response.getCode();
            if (code == 401) {
                auth.learn(Challenge.parse(header(response, "WWW-Authenticate")));
            } else if (code == 200) {
                auth.learn(Challenge.NONE);
            } else if (code == 404) {
                throw new RegistryException(host + " does not speak the OCI distribution API (/v2/ answered 404)", host, null, 404, null);
            } else {
                throw error(response, null, "probing /v2/");
            }
            return null;
        }, false);
    }

    /** The blob's size when {@code repository} has it. */
    public Optional<Long> blobSize(String repository, Digest digest) {
        return send("HEAD", url(repository, "/blobs/" + digest), repository, pull(repository), null, null, true, response -> {
            if (isRedirect(response.getCode())) {
                return Optional.of(-1L); // stored, served from elsewhere
            }
            if (response.getCode() == 200) {
                Header length = response.getFirstHeader("Content-Length");
                return Optional.of(length == null ? -1L : Long.parseLong(length.getValue()));
            }
            if (response.getCode() == 404) {
                return Optional.empty();
            }
            throw error(response, repository, "checking blob " + digest);
        }, false);
    }

    /**
     * Asks to mount {@code digest} from {@code fromRepository}. True when mounted (201); false when
     * the registry wants it uploaded instead (202, mounts disabled or blob unknown).
     */
    public boolean mount(String repository, Digest digest, String fromRepository) {
        String url = url(repository, "/blobs/uploads/?mount=" + enc(digest.toString()) + "&from=" + enc(fromRepository));
        return send("POST", url, repository, push(repository) + " " + pull(fromRepository), null, null, true, response -> {
            if (response.getCode() == 201) {
                return true;
            }
            if (response.getCode() == 202) {
                // the session it opened is abandoned; the registry expires it
                return false;
            }
            throw error(response, repository, "mounting blob " + digest + " from " + fromRepository);
        }, false);
    }

    /**
     * Uploads a blob: POST, one streaming PATCH, PUT {@code ?digest=}. The whole sequence is retried
     * on transient failures; after a failed commit it first checks whether the blob got stored.
     *
     * @return bytes sent by the attempt that stored the blob
     */
    public long upload(String repository, Digest digest, long size, BlobSource source, java.util.function.LongConsumer progress) {
        RegistryException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            boolean committing = false;
            try {
                String location = startUpload(repository);
                long[] sent = {0};
                String afterPatch = send("PATCH", location, repository, push(repository), null,
                        () -> new ProgressEntity(source, size, n -> {
                            sent[0] = n;
                            progress.accept(n);
                        }), false, response -> {
                            int status = response.getCode();
                            if (status == 202 || status == 204 || status == 201) {
                                checkRange(header(response, "Range"), size, repository, digest);
                                String next = header(response, "Location");
                                return next == null ? location : resolve(next, location);
                            }
                            throw error(response, repository, "uploading blob " + digest);
                        }, false);
                committing = true;
                String commit = afterPatch + (afterPatch.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString());
                send("PUT", commit, repository, push(repository), null, () -> new ByteArrayEntity(new byte[0], null), false, response -> {
                    if (response.getCode() == 201 || response.getCode() == 204) {
                        return null;
                    }
                    throw error(response, repository, "committing blob " + digest);
                }, false);
                return sent[0];
            } catch (RegistryUnavailableException e) {
                last = e;
                Log.LOG.debug("upload of {} to {}/{} failed (attempt {}): {}", digest, host, repository, attempt, e.getMessage());
                if (blobSize(repository, digest).isPresent()) {
                    // the commit (or the upload) went through although its answer was lost
                    return size;
                }
                if (attempt < retry.maxAttempts()) {
                    sleep(retry.delay(attempt, null));
                }
            } catch (RegistryException e) {
                if (committing && blobSize(repository, digest).isPresent()) {
                    return size;
                }
                throw e;
            }
        }
        throw new RegistryUnavailableException("uploading blob " + digest + " to " + host + "/" + repository + " failed "
                + retry.maxAttempts() + " times; last: " + last.getMessage(), host, repository, last.status(),
                last.code().orElse(null), last);
    }

    /**
     * Opens a blob for streaming. The caller closes the stream. Redirects (ECR sends blob downloads
     * to S3) are followed here, never carrying our Authorization to another host.
     */
    public InputStream openBlob(String repository, Digest digest) {
        String url = url(repository, "/blobs/" + digest);
        for (int hop = 0; hop < 5; hop++) {
            String current = url;
            Object answer = send("GET", current, repository, pull(repository), null, null, true, response -> {
                int code = response.getCode();
                if (code == 200 && response.getEntity() != null) {
                    return response.getEntity().getContent();
                }
                if (isRedirect(code) && header(response, "Location") != null) {
                    return resolve(header(response, "Location"), current);
                }
                throw error(response, repository, "downloading blob " + digest);
            }, true);
            if (answer instanceof InputStream stream) {
                return stream;
            }
            url = (String) answer;
        }
        throw new RegistryException("downloading blob " + digest + " from " + host + "/" + repository + " redirected more than 5 times",
                host, repository, 0, null);
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** Reads a small blob (a config) whole. */
    public byte[] readBlob(String repository, Digest digest) {
        try (InputStream in = openBlob(repository, digest)) {
            byte[] bytes = in.readAllBytes();
            if (!Digest.sha256(bytes).equals(digest)) {
                throw new RegistryException("blob " + digest + " from " + host + "/" + repository + " does not match its digest",
                        host, repository, 200, null);
            }
            return bytes;
        } catch (IOException e) {
            throw unavailable("downloading blob " + digest, repository, e);
        }
    }

    /**
     * Fetches a manifest or index by tag or digest.
     *
     * @throws ManifestNotFoundException when there is none
     */
    public Manifest getManifest(String repository, String reference) {
        return send("GET", url(repository, "/manifests/" + reference), repository, pull(repository),
                String.join(", ", MediaTypes.MANIFEST_ACCEPT), null, true, response -> {
                    if (response.getCode() != 200) {
                        throw error(response, repository, "fetching manifest " + reference);
                    }
                    byte[] bytes = EntityUtils.toByteArray(response.getEntity());
                    String type = ImageJson.mediaTypeOf(bytes).orElseGet(() -> contentType(response));
                    return new Manifest(bytes, type, Digest.sha256(bytes));
                }, false);
    }

    /** The digest a tag points at, or empty when the tag does not exist. */
    public Optional<Digest> manifestDigest(String repository, String reference) {
        // the answer is read inside, follow-up requests outside the handler: a handler holds a permit
        Optional<Optional<Digest>> headed = send("HEAD", url(repository, "/manifests/" + reference), repository, pull(repository),
                String.join(", ", MediaTypes.MANIFEST_ACCEPT), null, true, response -> {
                    if (response.getCode() == 404) {
                        return Optional.of(Optional.<Digest>empty());
                    }
                    if (response.getCode() != 200) {
                        throw error(response, repository, "checking manifest " + reference);
                    }
                    String digest = header(response, "Docker-Content-Digest");
                    return digest == null ? Optional.<Optional<Digest>>empty() : Optional.of(Optional.of(Digest.parse(digest)));
                }, false);
        return headed.orElseGet(() -> Optional.of(getManifest(repository, reference).digest()));
    }

    /**
     * Puts a manifest under {@code tagOrDigest}. On an immutable repository a tag that already holds
     * the same digest counts as success.
     *
     * @throws ImmutableTagException when the tag is immutable and holds another image
     */
    public void putManifest(String repository, String tagOrDigest, String mediaType, byte[] bytes) {
        Digest ours = Digest.sha256(bytes);
        Optional<RegistryException> refused = send("PUT", url(repository, "/manifests/" + tagOrDigest), repository, push(repository), null,
                () -> new ByteArrayEntity(bytes, ContentType.create(mediaType)), true, response -> {
                    if (response.getCode() == 201 || response.getCode() == 200) {
                        return Optional.<RegistryException>empty();
                    }
                    RegistryException failure = error(response, repository, "pushing manifest " + tagOrDigest);
                    if ("TAG_INVALID".equals(failure.code().orElse(null)) || looksImmutable(failure)) {
                        return Optional.of(failure);
                    }
                    throw failure;
                }, false);
        if (refused.isPresent()) {
            Optional<Digest> existing = manifestDigest(repository, tagOrDigest);
            if (existing.isPresent() && existing.get().equals(ours)) {
                Log.LOG.debug("immutable tag {} already holds {}", tagOrDigest, ours);
                return;
            }
            throw new ImmutableTagException("tag '" + tagOrDigest + "' of " + host + "/" + repository
                    + " is immutable and already names " + existing.map(Digest::toString).orElse("another image")
                    + ", not " + ours + "; push under a new tag", host, repository, refused.get().status(), "TAG_INVALID");
        }
    }

    @Override
    public void close() {
        CloseableHttpClient h = http;
        if (h == null) {
            return;
        }
        try {
            h.close();
        } catch (IOException e) {
            Log.LOG.debug("closing the HTTP client of {} failed", host, e);
        }
    }

    /** ECR has been seen to drop data silently; the Range it acknowledges must cover the whole blob. */
    private void checkRange(String range, long size, String repository, Digest digest) {
        if (range == null || size < 0) {
            return;
        }
        String end = range.substring(range.indexOf('-') + 1).trim();
        try {
            if (Long.parseLong(end) != size - 1) {
                throw new RegistryUnavailableException("registry " + host + " acknowledged bytes " + range + " of blob " + digest
                        + " (" + size + " bytes sent); uploading it again", host, repository, 202, null);
            }
        } catch (NumberFormatException e) {
            Log.LOG.debug("unreadable Range {} from {}", range, host);
        }
    }

    private String startUpload(String repository) {
        String postUrl = url(repository, "/blobs/uploads/");
        return send("POST", postUrl, repository, push(repository), null, null, true, response -> {
            if (response.getCode() == 202) {
                String location = header(response, "Location");
                if (location == null) {
                    throw new RegistryException("registry " + host + " opened an upload without a Location", host, repository, 202, null);
                }
                return resolve(location, postUrl);
            }
            throw error(response, repository, "starting an upload");
        }, false);
    }

    /**
     * Sends one request with auth, the in-flight cap and retries. 401 refreshes auth once; 429/5xx
     * and broken connections are retried with backoff when {@code retryable}, else reported as
     * {@link RegistryUnavailableException} at once. With {@code keepOpen} the response is handed
     * on unclosed (for streaming), its permit released when the stream closes.
     */
    private <T> T send(String method, String url, String repository, String scope, String accept,
                       Supplier<HttpEntity> body, boolean retryable, Handler<T> handler, boolean keepOpen) {
        if (!auth.knowsChallenge() && !url.equals(baseUrl + "/v2/")) {
            synchronized (auth) {
                if (!auth.knowsChallenge()) {
                    ping();
                }
            }
        }
        boolean refreshed = false;
        int attempts = retryable ? retry.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
            if (accept != null) {
                request.setHeader("Accept", accept);
            }
            long authGeneration = auth.generation();
            if (sameHost(url)) {
                auth.authorization(scope).ifPresent(v -> request.setHeader(SecretHeader.of("Authorization", v)));
            }
            if (body != null) {
                request.setEntity(body.get());
            }
            Duration retryAfter = null;
            String failure;
            int status = 0;
            String code = null;
            acquire();
            boolean released = false;
            try {
                ClassicHttpResponse response = http().executeOpen(null, request, null);
                try {
                    status = response.getCode();
                    if (status == 401 && !url.equals(baseUrl + "/v2/")) {
                        if (!refreshed) {
                            refreshed = true;
                            auth.unauthorized(header(response, "WWW-Authenticate"), authGeneration);
                            attempt--;
                            continue;
                        }
                        throw new RegistryAuthenticationException("registry " + host + " refused the credentials of user "
                                + auth.username() + " (HTTP 401 UNAUTHORIZED" + (repository == null ? "" : ", repository " + repository)
                                + "): check the user name and password, or for ECR the AWS identity and region",
                                host, repository, 401, "UNAUTHORIZED");
                    }
                    if (status == 429 || (status >= 500 && status != 501)) {
                        code = errorCode(response);
                        retryAfter = retryAfter(response);
                        failure = method + " " + path(url) + " answered HTTP " + status + (code == null ? "" : " " + code);
                    } else {
                        T result = handler.handle(response);
                        if (keepOpen && result instanceof InputStream) {
                            released = true;
                            return keepOpenResult(result, response);
                        }
                        return result;
                    }
                } finally {
                    if (!released) {
                        response.close();
                    }
                }
            } catch (IOException e) {
                failure = method + " " + path(url) + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                if (!released) {
                    inFlight.release();
                }
            }
            if (attempt >= attempts) {
                throw new RegistryUnavailableException("registry " + host + ": " + failure
                        + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""), host, repository, status, code);
            }
            Duration delay = retry.delay(attempt, retryAfter);
            Log.LOG.debug("{}; retrying in {} ms", failure, delay.toMillis());
            sleep(delay);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T keepOpenResult(T result, ClassicHttpResponse response) {
        InputStream stream = (InputStream) result;
        return (T) new FilterInputStream(stream) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    try {
                        response.close();
                    } finally {
                        inFlight.release();
                    }
                }
            }
        };
    }

    private void acquire() {
        try {
            if (!inFlight.tryAcquire(10, TimeUnit.MINUTES)) {
                throw new RegistryUnavailableException("waited 10 minutes for a free connection to " + host, host, null, 0, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while waiting to talk to " + host, e);
        }
    }

    private RegistryException error(ClassicHttpResponse response, String repository, String what) throws IOException {
        int status = response.getCode();
        String code = null;
        String message = null;
        if (response.getEntity() != null) {
            String body = new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
            try {
                JsonNode first = ImageJson.mapper().readTree(body).path("errors").path(0);
                code = first.path("code").asText(null);
                message = first.path("message").asText(null);
            } catch (IOException notJson) {
                message = body.length() > 200 ? body.substring(0, 200) : body;
            }
        }
        String where = host + (repository == null ? "" : "/" + repository);
        String detail = " (HTTP " + status + (code == null ? "" : " " + code) + (message == null || message.isBlank() ? "" : ": " + message) + ")";
        if ("NAME_UNKNOWN".equals(code) || (status == 404 && what.startsWith("starting an upload"))) {
            return new RepositoryNotFoundException("repository '" + repository + "' does not exist in registry " + host + detail
                    + "; create it first: registry.createRepository(\"" + repository + "\"), .createRepository() on the build,"
                    + " or --create-repository on the command line", host, repository, status, code);
        }
        if ("MANIFEST_UNKNOWN".equals(code) || (status == 404 && what.contains("manifest"))) {
            return new ManifestNotFoundException("image not found: " + what + " in " + where + detail, host, repository, status, code);
        }
        if (status == 403 || "DENIED".equals(code)) {
            return new RegistryAccessDeniedException("registry " + host + " denied " + what + " for user " + auth.username() + detail
                    + "; the credentials are valid but lack permission on " + where, host, repository, status, code);
        }
        if (status == 401) {
            return new RegistryAuthenticationException("registry " + host + " refused the credentials of user " + auth.username()
                    + " while " + what + detail + "; check the user name and password", host, repository, status, code);
        }
        return new RegistryException(what + " in " + where + " failed" + detail, host, repository, status, code);
    }

    private static boolean looksImmutable(RegistryException failure) {
        String message = failure.getMessage().toLowerCase(java.util.Locale.ROOT);
        return failure.status() == 400 && message.contains("immutable");
    }

    private static String errorCode(ClassicHttpResponse response) {
        try {
            if (response.getEntity() == null) {
                return null;
            }
            String body = new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
            return ImageJson.mapper().readTree(body).path("errors").path(0).path("code").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        String value = header(response, "Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private RegistryUnavailableException unavailable(String what, String repository, IOException e) {
        return new RegistryUnavailableException("registry " + host + ": " + what + " failed: " + e.getMessage(), host, repository, 0, null, e);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while waiting to retry", e);
        }
    }

    private String url(String repository, String rest) {
        return baseUrl + "/v2/" + repository + rest;
    }

    private String resolve(String location, String against) {
        if (location == null) {
            throw new RegistryException("registry " + host + " answered without a Location header", host, null, 0, null);
        }
        return URI.create(against).resolve(location).toString();
    }

    private boolean sameHost(String url) {
        return url.startsWith(baseUrl + "/");
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getPath();
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static String contentType(ClassicHttpResponse response) {
        String type = header(response, "Content-Type");
        return type == null ? MediaTypes.OCI_MANIFEST : type.split(";")[0].trim();
    }

    private static String push(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    private static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
