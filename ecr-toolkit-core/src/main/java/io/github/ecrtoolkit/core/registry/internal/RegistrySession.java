package io.github.ecrtoolkit.core.registry.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * Everything a push shares, owned by one {@link Registry}: the target registry's client, the
 * clients of registries that base images come from (with the base-image credentials), the retry
 * policy, the cap on blobs in flight, and one executor that runs every step. Every builder pushes
 * through it: the daemonless paths and the Docker Engine module alike.
 *
 * <p>Concurrency is limited per step, not per request: {@link #step} takes a slot for the whole
 * step (a blob's HEAD, mount or upload — whose body may itself stream from another registry — or a
 * manifest request), and nothing in a step asks for another slot. So no request ever waits for a
 * slot while holding one, whatever the cap. Thread-safe; closed by its {@link Registry}.
 */
@InternalApi
public final class RegistrySession implements AutoCloseable {

    private static volatile Function<Registry, RegistrySession> access;

    private final String host;
    private final RegistryCredentialsProvider credentials;
    /** Plain HTTP allowed for loopback registries. */
    private final boolean plainLoopback;
    private final int maxConcurrentRequests;
    private final RetryPolicy retry;
    private final Function<String, RegistryCredentials> baseImageCredentials;
    private final RegistryClient target;
    private final Map<String, RegistryClient> others = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ExecutorService executor;
    private final Runnable closeExecutor;
    private final Timeouts timeouts;
    private final Optional<Duration> pushTimeout;
    /** The listeners of the pushes under way, told of retries (a client is shared by the pushes of a session). */
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param executor runs the steps; null for one of our own (closed with the session). One passed
     *                 in is never shut down by us.
     */
    public RegistrySession(String host, RegistryCredentialsProvider credentials, boolean insecure, int maxConcurrentRequests,
                           RetryPolicy retry, Function<String, RegistryCredentials> baseImageCredentials, ExecutorService executor) {
        this(host, credentials, insecure, maxConcurrentRequests, retry, Timeouts.DEFAULT, Optional.empty(), baseImageCredentials,
                executor);
    }

    /**
     * @param timeouts    the limit of each network wait
     * @param pushTimeout the limit of a whole push, if any
     * @param executor    runs the steps; null for one of our own (closed with the session). One passed
     *                    in is never shut down by us.
     */
    public RegistrySession(String host, RegistryCredentialsProvider credentials, boolean insecure, int maxConcurrentRequests,
                           RetryPolicy retry, Timeouts timeouts, Optional<Duration> pushTimeout,
                           Function<String, RegistryCredentials> baseImageCredentials, ExecutorService executor) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.pushTimeout = Objects.requireNonNull(pushTimeout, "pushTimeout");
        this.host = Objects.requireNonNull(host, "host");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.plainLoopback = insecure;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.baseImageCredentials = Objects.requireNonNull(baseImageCredentials, "baseImageCredentials");
        this.slots = new Semaphore(maxConcurrentRequests, true);
        this.target = newClient(host, credentials);
        if (executor == null) {
            // as many threads as slots: more would only wait; idle ones end, so an idle Registry holds none
            int threads = Math.max(2, maxConcurrentRequests);
            ThreadPoolExecutor own = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "ecr-toolkit-push");
                t.setDaemon(true);
                return t;
            });
            own.allowCoreThreadTimeOut(true);
            this.executor = own;
            this.closeExecutor = own::shutdownNow;
        } else {
            this.executor = executor;
            this.closeExecutor = () -> { };
        }
    }

    /** Lets {@link Registry} hand out its session without a public method that names this type. */
    public static void registerAccess(Function<Registry, RegistrySession> registryAccess) {
        if (access != null) {
            throw new IllegalStateException("registry access is set once, by Registry");
        }
        access = registryAccess;
    }

    /** The session of {@code registry}. */
    public static RegistrySession of(Registry registry) {
        Objects.requireNonNull(registry, "registry");
        return access.apply(registry);
    }

    /** {@code host[:port]} of the target registry. */
    public String host() {
        return host;
    }

    public RegistryCredentialsProvider credentials() {
        return credentials;
    }

    /** Whether the target is reached over plain HTTP (only ever a loopback registry the caller allowed). */
    public boolean insecure() {
        return plainLoopback && ImageReference.isLoopbackHost(host);
    }

    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** The target registry's client. */
    public RegistryClient target() {
        return target;
    }

    /** The client of registry {@code otherHost} (base images, with the base-image credentials); the target's when it is the same. */
    public RegistryClient client(String otherHost) {
        if (otherHost.equals(host)) {
            return target;
        }
        return others.computeIfAbsent(otherHost, h -> newClient(h, RegistryCredentialsProvider.of(baseImageCredentials.apply(h))));
    }

    /** The credentials for registry {@code otherHost}: the target's, else the base-image credentials. */
    public RegistryCredentials credentialsFor(String otherHost) {
        return otherHost.equals(host) ? credentials.credentials() : baseImageCredentials.apply(otherHost);
    }

    /** The executor that runs the steps. */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * Runs {@code step} on the executor once a slot is free, holding the slot until it ends. A step
     * must not wait for another step: it holds a slot.
     */
    public <T> CompletableFuture<T> step(Supplier<T> step) {
        return CompletableFuture.supplyAsync(() -> {
            acquire();
            try {
                return step.get();
            } finally {
                slots.release();
            }
        }, executor);
    }

    private void acquire() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while waiting to talk to " + host, e);
        }
    }

    private RegistryClient newClient(String registryHost, RegistryCredentialsProvider provider) {
        // a slot may stream a base layer from another registry into an upload here: two connections
        return RegistryClient.create(registryHost, provider, plainLoopback && ImageReference.isLoopbackHost(registryHost),
                2 * maxConcurrentRequests + 2, retry, timeouts, this::retrying);
    }

    private void retrying(String what, int attempt, int attempts, Duration delay) {
        ProgressEvent event = new ProgressEvent.Retrying(what, attempt, attempts, delay);
        for (ProgressListener listener : listeners) {
            listener.onEvent(event);
        }
    }

    /** The longest a whole push may take, if limited. */
    public Optional<Duration> pushTimeout() {
        return pushTimeout;
    }

    /** Tells {@code listener} of retries until {@link #unwatch}: a push does while it runs. */
    public void watch(ProgressListener listener) {
        listeners.add(listener);
    }

    public void unwatch(ProgressListener listener) {
        listeners.remove(listener);
    }

    /** Closes the connection pools, and the executor when it is ours. */
    @Override
    public void close() {
        target.close();
        others.values().forEach(RegistryClient::close);
        closeExecutor.run();
    }

    @Override
    public String toString() {
        return "RegistrySession[" + host + ", " + maxConcurrentRequests + " in flight]";
    }
}
