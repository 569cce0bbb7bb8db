package io.github.ecrtoolkit.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import io.github.ecrtoolkit.core.ecr.EcrAuthorization;
import io.github.ecrtoolkit.core.ecr.EcrRepositories;
import io.github.ecrtoolkit.core.ecr.RepositoryOptions;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.AwsClients;
import io.github.ecrtoolkit.core.registry.internal.ManifestPlatforms;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;
import io.github.ecrtoolkit.core.registry.internal.Timeouts;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The entry point: a registry to build images into and push them to — Amazon ECR or any OCI registry.
 *
 * <pre>{@code
 * try (Registry registry = Registry.ecr(Region.EU_WEST_1)) {   // AWS default credential chain
 *     PushResult r = registry.build(Path.of("orders-service"))
 *             .tag("orders:1.4.2").tag("orders:latest")
 *             .push();
 * }
 * Registry.of("registry.example.com:5000", RegistryCredentials.basic("user", secret));
 * }</pre>
 *
 * <p>Thread-safe: share one per registry; it holds a connection pool, so close it. An
 * {@link EcrClient} passed in is not closed by us; one we created is.
 */
public final class Registry implements AutoCloseable {

    /** Requests in flight per registry unless set otherwise. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

    static {
        RegistrySession.registerAccess(registry -> registry.session);
    }

    private final String host;
    private final EcrClient ecr;
    private final RegistrySession session;

    /** @param ecr the ECR client, closed with this registry (one lent to us arrives wrapped, see {@link AwsClients#notClosed}) */
    private Registry(Builder b, String host, RegistryCredentialsProvider credentials, EcrClient ecr, boolean insecure) {
        this.host = host;
        this.ecr = ecr;
        this.session = new RegistrySession(host, credentials, insecure, b.maxConcurrentRequests, b.retry, b.timeouts,
                Optional.ofNullable(b.pushTimeout), b.otherCredentials, b.executor);
    }

    /**
     * Amazon ECR of the current AWS account in {@code region}, credentials from the default chain.
     *
     * @throws io.github.ecrtoolkit.core.ecr.EcrException when no ECR token can be fetched
     */
    public static Registry ecr(Region region) {
        return builder().ecr(region).build();
    }

    /**
     * Amazon ECR through {@code client} (not closed by us).
     *
     * @throws io.github.ecrtoolkit.core.ecr.EcrException when no ECR token can be fetched
     */
    public static Registry ecr(EcrClient client) {
        return builder().ecr(client).build();
    }

    /**
     * Any OCI registry at {@code host[:port]} over verified TLS.
     *
     * @throws io.github.ecrtoolkit.core.image.InvalidReferenceException when {@code host} is not a
     *         registry host such as {@code registry.example.com:5000}
     */
    public static Registry of(String host, RegistryCredentials credentials) {
        return builder().host(host).credentials(credentials).build();
    }

    /**
     * Any OCI registry at {@code host[:port]}, anonymously.
     *
     * @throws io.github.ecrtoolkit.core.image.InvalidReferenceException when {@code host} is not a
     *         registry host
     */
    public static Registry of(String host) {
        return of(host, RegistryCredentials.anonymous());
    }

    /**
     * A registry on this machine over plain HTTP, as a local {@code registry:2} container or
     * {@code docker-registry} serves it: {@code Registry.local("localhost:5000")}. Anonymous; see
     * {@link #local(String, RegistryCredentials)}. TLS stays the rule for every other host.
     *
     * @throws EcrToolkitException ({@code INVALID_INPUT}) when {@code host} is not loopback
     *         ({@code localhost}, {@code 127.x}, {@code [::1]}): use {@link #of(String)} there
     */
    public static Registry local(String host) {
        return local(host, RegistryCredentials.anonymous());
    }

    /**
     * A registry on this machine over plain HTTP, with {@code credentials} (Basic auth).
     *
     * @throws EcrToolkitException ({@code INVALID_INPUT}) when {@code host} is not loopback
     */
    public static Registry local(String host, RegistryCredentials credentials) {
        return builder().host(host).credentials(credentials).allowInsecureLoopback(true).build();
    }

    /** For plain HTTP to loopback, request caps, retries and base-image credentials. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code host[:port]} of the registry; for ECR the token's proxy endpoint. */
    public String host() {
        return host;
    }

    /** Whether this is an Amazon ECR registry reached through the ECR API. */
    public boolean isEcr() {
        return ecr != null;
    }

    /**
     * Starts a build of the folder {@code context}: its Dockerfile, or (without one) layers set in code.
     * Checked when pushed.
     */
    public ImageBuild build(Path context) {
        return new ImageBuild(this, Objects.requireNonNull(context, "context"));
    }

    /** Starts an image made only in code ({@code from}, {@code layer}, {@code entrypoint}, …), no context folder. */
    public ImageBuild image() {
        return new ImageBuild(this, null);
    }

    /**
     * Makes sure repository {@code name} exists: on ECR creates it with {@code options} when missing;
     * other registries create repositories on first push, so nothing is done there.
     *
     * @return true when this call created it
     * @throws io.github.ecrtoolkit.core.ecr.EcrException when ECR refuses
     */
    public boolean createRepository(String name, RepositoryOptions options) {
        ImageReference.parse(host + "/" + name);
        if (ecr == null) {
            return false;
        }
        return EcrRepositories.ensure(ecr, name, options);
    }

    /** {@link #createRepository(String, RepositoryOptions)} with {@link RepositoryOptions#defaults()}. */
    public boolean createRepository(String name) {
        return createRepository(name, RepositoryOptions.defaults());
    }

    /**
     * The digest a tag of this registry points at, or empty when it does not exist.
     *
     * @throws io.github.ecrtoolkit.core.registry.RegistryException when the registry refuses
     */
    public Optional<Digest> digestOf(String reference) {
        ImageReference ref = reference(reference);
        return session.target().manifestDigest(ref.repository(), ref.tagOrDigest());
    }

    /**
     * The platforms an image of this registry runs on: the entries of its image index, or the
     * {@code os}/{@code architecture} its single manifest's config names (empty when it names none).
     *
     * <pre>{@code
     * registry.platformsOf("orders:1.5.0");      // [linux/amd64, linux/arm64]
     * }</pre>
     *
     * @throws io.github.ecrtoolkit.core.registry.RegistryException when the image cannot be read
     *         ({@code ManifestNotFoundException} when it does not exist)
     * @throws EcrToolkitException when {@code reference} names another registry
     */
    public List<Platform> platformsOf(String reference) {
        ImageReference ref = reference(reference);
        return ManifestPlatforms.of(session.target(), ref.repository(), ref.tagOrDigest());
    }

    /** Whether {@code reference} names an image of this registry (this host, or the same ECR registry under another host name). */
    public boolean holds(String reference) {
        String other = ImageReference.parse(reference, host).registry();
        return other.equals(host) || sameEcrRegistry(other);
    }

    /** Parses {@code reference}; without host it lives here. A different host is refused. */
    ImageReference reference(String reference) {
        ImageReference ref = ImageReference.parse(reference, host);
        if (!ref.registry().equals(host) && !sameEcrRegistry(ref.registry())) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "'" + reference + "' names registry " + ref.registry() + ", but this Registry pushes to "
                    + host + "; write just 'repository:tag'");
        }
        return ref.registry().equals(host) ? ref : ref.withRegistry(host);
    }

    private boolean sameEcrRegistry(String other) {
        return ImageReference.parse(host + "/x").ecr().flatMap(mine -> ImageReference.parse(other + "/x").ecr()
                .map(theirs -> mine.accountId().equals(theirs.accountId()) && mine.region().equals(theirs.region()))).orElse(false);
    }

    /** Closes the connection pools, and the ECR client when we created it. */
    @Override
    public void close() {
        session.close();
        if (ecr != null) {
            ecr.close();
        }
    }

    @Override
    public String toString() {
        return "Registry[" + host + (ecr != null ? ", ECR" : "") + (session.insecure() ? ", plain HTTP" : "") + "]";
    }

    /** Configures a {@link Registry}; not thread-safe. */
    public static final class Builder {
        private String host;
        private RegistryCredentialsProvider credentials = RegistryCredentialsProvider.of(RegistryCredentials.anonymous());
        private boolean insecure;
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private EcrClient ecr;
        private Region ecrRegion;
        private Function<String, RegistryCredentials> otherCredentials = h -> RegistryCredentials.anonymous();
        private ExecutorService executor;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private Duration pushTimeout;

        private Builder() {
        }

        /** A registry at {@code host[:port]}. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        public Builder credentials(RegistryCredentials value) {
            this.credentials = RegistryCredentialsProvider.of(Objects.requireNonNull(value, "credentials"));
            return this;
        }

        public Builder credentials(RegistryCredentialsProvider value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /** Amazon ECR through {@code client}; the host is the token's proxy endpoint. Not closed by us. */
        public Builder ecr(EcrClient client) {
            this.ecr = Objects.requireNonNull(client, "client");
            this.ecrRegion = null;
            return this;
        }

        /**
         * Amazon ECR in {@code region} with the default credential chain (Apache HttpClient 5
         * transport); the client is created by {@link #build()} and closed with the registry.
         *
         * @throws IllegalArgumentException when the region is not one AWS has (see {@link AwsRegions})
         */
        public Builder ecr(Region region) {
            this.ecrRegion = AwsRegions.check(region);
            this.ecr = null;
            return this;
        }

        /**
         * Allows plain HTTP — only to loopback registries (localhost, 127.x, [::1]); any other host
         * is refused when the registry is built. TLS is always verified otherwise.
         */
        public Builder allowInsecureLoopback(boolean value) {
            this.insecure = value;
            return this;
        }

        /**
         * Cap of blobs and manifests in flight to the registry (ECR throttles; default
         * {@value #DEFAULT_MAX_CONCURRENT_REQUESTS}). Each holds one request to the registry at a
         * time; a base layer copied from another registry holds a download from there too.
         */
        public Builder maxConcurrentRequests(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("need at least 1 request in flight, got " + value);
            }
            this.maxConcurrentRequests = value;
            return this;
        }

        /** Retries of throttled or failed requests: attempts in all, first delay (doubling), largest delay. */
        public Builder retries(int maxAttempts, Duration initialDelay, Duration maxDelay) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.retry = new RetryPolicy(maxAttempts, initialDelay, maxDelay);
            return this;
        }

        /**
         * Limits of each network wait; one that runs out counts as a transient failure and is retried
         * (see {@link #retries}), and the push says what it waits for with a {@code Retrying} event.
         *
         * <pre>{@code
         * Registry.builder().host("r.example.com").timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20))
         * }</pre>
         *
         * @param connect  opening a connection, TLS handshake included (default 10 s)
         * @param response the registry's answer to a request, and each read of a download (default 60 s)
         * @param stall    an upload that sends no byte (the registry stopped reading; default 30 s)
         * @throws IllegalArgumentException when a limit is not positive
         */
        public Builder timeouts(Duration connect, Duration response, Duration stall) {
            this.timeouts = new Timeouts(connect, response, stall);
            return this;
        }

        /**
         * The longest a whole push may take, retries included (default: no limit beyond each wait's).
         * A push that runs out fails with a {@code RegistryUnavailableException} naming the blobs it
         * still waited for; no tag is written then.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder pushTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the push timeout must be positive, got " + value);
            }
            this.pushTimeout = value;
            return this;
        }

        /** Credentials for other registries that base images come from (default anonymous). */
        public Builder baseImageCredentials(Function<String, RegistryCredentials> byHost) {
            this.otherCredentials = Objects.requireNonNull(byHost, "byHost");
            return this;
        }

        /**
         * Runs every push step (blob checks, uploads, manifests) on {@code value} instead of threads
         * of our own; it is never shut down by us. Like Jib's {@code Containerizer.setExecutorService}.
         */
        public Builder executorService(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executorService");
            return this;
        }

        /**
         * The registry.
         *
         * @throws EcrToolkitException when neither host nor ECR was given, plain HTTP is asked for a
         *         host that is not loopback, or (ECR) no token can be fetched
         */
        public Registry build() {
            if (ecr != null || ecrRegion != null) {
                return Ecr.build(this);
            }
            if (host == null) {
                throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "no registry: call host(..) or ecr(..)");
            }
            ImageReference.parse(host + "/probe");
            if (insecure && !ImageReference.isLoopbackHost(host)) {
                throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "plain HTTP was asked for registry " + host
                        + ", but it is only allowed for loopback registries (localhost, 127.0.0.1, [::1])");
            }
            return new Registry(this, host, credentials, null, insecure);
        }
    }

    /**
     * Builds a registry on Amazon ECR. A class of its own so that a registry given by host never
     * loads the AWS SDK: verifying code that hands an SDK builder around opens the SDK's jars
     * (about 20 ms at start-up).
     */
    private static final class Ecr {

        private Ecr() {
        }

        static Registry build(Builder b) {
            if (b.ecr != null) {
                return build(b, AwsClients.notClosed(EcrClient.class, b.ecr));
            }
            EcrClient owned = AwsClients.build(EcrClient.builder().region(b.ecrRegion));
            try {
                return build(b, owned);
            } catch (RuntimeException e) {
                owned.close();
                throw e;
            }
        }

        private static Registry build(Builder b, EcrClient client) {
            EcrAuthorization auth = EcrAuthorization.create(client);
            java.net.URI endpoint = auth.proxyEndpoint();
            String endpointHost = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
            // the proxy endpoint's scheme decides; plain HTTP only where the caller allowed it for loopback
            boolean plain = "http".equalsIgnoreCase(endpoint.getScheme());
            if (plain && !(b.insecure && ImageReference.isLoopbackHost(endpointHost))) {
                throw new EcrToolkitException(EcrToolkitException.Reason.UNSUPPORTED, "ECR proxy endpoint " + endpoint + " is plain HTTP; only allowed for a loopback"
                        + " registry with allowInsecureLoopback(true)");
            }
            return new Registry(b, endpointHost, auth, client, plain);
        }
    }
}
