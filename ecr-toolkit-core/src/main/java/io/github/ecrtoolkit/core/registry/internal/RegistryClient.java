package io.github.ecrtoolkit.core.registry.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.internal.InternalApi;
import io.github.ecrtoolkit.core.registry.ImmutableTagException;
import io.github.ecrtoolkit.core.registry.ManifestNotFoundException;
import io.github.ecrtoolkit.core.registry.RegistryException;
import io.github.ecrtoolkit.core.registry.RegistryUnavailableException;

/**
 * The distribution API of one registry: one method per operation, each sending one
 * {@link Endpoint} through the transport layers — {@link RetryTransport} over {@link AuthTransport}
 * over {@link HttpTransport}. Blobs go up as POST, one streaming PATCH, PUT {@code ?digest=}.
 * It does not limit concurrency: {@link RegistrySession} does, per blob. Thread-safe.
 */
@InternalApi
public final class RegistryClient implements Closeable {

    private final String host;
    private final Routes routes;
    private final HttpTransport http;
    private final RetryTransport transport;

    /** A manifest as the registry stores it. */
    public record Manifest(byte[] bytes, String mediaType, Digest digest) {
    }

    private RegistryClient(String host, String baseUrl, RegistryCredentialsProvider credentials, int connections, RetryPolicy retry,
                           Timeouts timeouts, RetryNotices notices) {
        this.host = host;
        this.routes = new Routes(baseUrl);
        this.http = new HttpTransport(host, baseUrl, connections, timeouts);
        RegistryAuth auth = new RegistryAuth(host, credentials, http::client);
        this.transport = new RetryTransport(new AuthTransport(http, auth, new Refusals(host, auth::username, auth::anonymous)),
                retry, host, notices);
    }

    /**
     * A client for {@code host}. TLS (verified) unless {@code insecure}, which only loopback hosts may ask for.
     *
     * @param connections the size of its connection pool
     * @param timeouts    the limit of each network wait
     * @param notices     told before each retry
     * @throws EcrToolkitException when plain HTTP is asked for a host that is not loopback
     */
    public static RegistryClient create(String host, RegistryCredentialsProvider credentials, boolean insecure,
                                        int connections, RetryPolicy retry, Timeouts timeouts, RetryNotices notices) {
        if (insecure && !ImageReference.isLoopbackHost(host)) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "plain HTTP was asked for registry " + host
                    + ", but it is only allowed for loopback registries (localhost, 127.0.0.1, [::1]); use TLS");
        }
        // Docker Hub's name in references is not where its API answers
        String apiHost = ImageReference.DOCKER_HUB.equals(host) ? "registry-1.docker.io" : host;
        return new RegistryClient(host, (insecure ? "http://" : "https://") + apiHost, credentials, connections, retry, timeouts,
                notices);
    }

    public String host() {
        return host;
    }

    /** Probes {@code /v2/} and learns how the registry wants to be authenticated. */
    public void ping() {
        transport.send(new Ping(routes.baseUrl()));
    }

    /** The blob's size when {@code repository} has it (-1 when the registry does not say). */
    public Optional<Long> blobSize(String repository, Digest digest) {
        return transport.send(new BlobCheck(routes, repository, digest));
    }

    /**
     * Asks to mount {@code digest} from {@code fromRepository}. True when mounted; false when the
     * registry wants it uploaded instead.
     */
    public boolean mount(String repository, Digest digest, String fromRepository) {
        return transport.send(new BlobMount(routes, repository, digest, fromRepository));
    }

    /**
     * Uploads a blob: POST, one streaming PATCH, PUT {@code ?digest=}. The sequence is retried as a
     * whole; before each retry it checks whether the blob got stored after all (a commit whose answer
     * was lost), and so does a refused commit. The bytes are checked against {@code digest} as they
     * stream: wrong ones break the upload off before its commit.
     *
     * @throws io.github.ecrtoolkit.core.registry.BlobMismatchException when the source's bytes are not the blob
     * @return bytes sent by the attempt that stored the blob
     */
    public long upload(String repository, Digest digest, long size, BlobSource source, LongConsumer progress) {
        BlobSource checked = () -> new DigestCheckingStream(source.open(), digest, source.describe());
        return transport.retrying(repository, attempt -> {
            if (attempt > 1 && isStored(repository, digest)) {
                return size;
            }
            String location = transport.once(new UploadStart(routes, repository));
            long[] sent = {0};
            String commitAt = transport.once(new BlobPatch(location, repository, digest, size, checked, n -> {
                sent[0] = n;
                progress.accept(n);
            }));
            try {
                transport.once(new BlobCommit(commitAt, repository, digest));
            } catch (RegistryException refused) {
                if (isStored(repository, digest)) {
                    return size;
                }
                throw refused;
            }
            return sent[0];
        });
    }

    private boolean isStored(String repository, Digest digest) {
        try {
            return transport.once(new BlobCheck(routes, repository, digest)).isPresent();
        } catch (HttpTransport.TransientFailure | RegistryException unknown) {
            LoggerFactory.getLogger(RegistryClient.class).debug("checking {} after a failed upload: {}", digest, unknown.getMessage());
            return false;
        }
    }

    /**
     * Opens a blob for streaming; the caller closes the stream. Redirects are followed here, never
     * carrying our {@code Authorization} to another host.
     */
    public InputStream openBlob(String repository, Digest digest) {
        String url = routes.blob(repository, digest);
        for (int hop = 0; hop < 5; hop++) {
            Object answer = transport.send(new BlobGet(url, repository, digest));
            if (answer instanceof InputStream stream) {
                return stream;
            }
            url = (String) answer;
        }
        throw new RegistryException("downloading blob " + digest + " from " + host + "/" + repository + " redirected more than 5 times",
                host, repository, 0, null);
    }

    /** Reads a small blob (a config) whole, checking its digest. */
    public byte[] readBlob(String repository, Digest digest) {
        try (InputStream in = openBlob(repository, digest)) {
            byte[] bytes = in.readAllBytes();
            if (!Digest.sha256(bytes).equals(digest)) {
                throw new RegistryException("blob " + digest + " from " + host + "/" + repository + " does not match its digest",
                        host, repository, 200, null);
            }
            return bytes;
        } catch (IOException e) {
            throw new RegistryUnavailableException("registry " + host + ": downloading blob " + digest + " failed: " + e.getMessage(),
                    host, repository, 0, null, e);
        }
    }

    /**
     * Fetches a manifest or index by tag or digest.
     *
     * @throws ManifestNotFoundException when there is none
     */
    public Manifest getManifest(String repository, String reference) {
        return transport.send(new ManifestGet(routes, repository, reference));
    }

    /** The digest a tag points at, or empty when the tag does not exist. */
    public Optional<Digest> manifestDigest(String repository, String reference) {
        ManifestCheck.Answer answer = transport.send(new ManifestCheck(routes, repository, reference));
        if (!answer.exists()) {
            return Optional.empty();
        }
        return answer.digest().or(() -> Optional.of(getManifest(repository, reference).digest()));
    }

    /**
     * Puts a manifest under {@code tagOrDigest}. On an immutable repository a tag that already holds
     * the same digest counts as success.
     *
     * @throws ImmutableTagException when the tag is immutable and holds another image
     */
    public void putManifest(String repository, String tagOrDigest, String mediaType, byte[] bytes) {
        Optional<RegistryException> refused = transport.send(new ManifestPut(routes, repository, tagOrDigest, mediaType, bytes));
        if (refused.isEmpty()) {
            return;
        }
        Digest ours = Digest.sha256(bytes);
        Optional<Digest> existing = manifestDigest(repository, tagOrDigest);
        if (existing.isPresent() && existing.get().equals(ours)) {
            LoggerFactory.getLogger(RegistryClient.class).debug("immutable tag {} already holds {}", tagOrDigest, ours);
            return;
        }
        throw new ImmutableTagException("tag '" + tagOrDigest + "' of " + host + "/" + repository
                + " is immutable and already names " + existing.map(Digest::toString).orElse("another image")
                + ", not " + ours + "; push under a new tag", host, repository, refused.get().status(), "TAG_INVALID");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "RegistryClient[" + host + "]";
    }
}
