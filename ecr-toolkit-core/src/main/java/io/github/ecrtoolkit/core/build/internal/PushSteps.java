package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.LayerPushResult;
import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.cache.CachedLayer;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.cache.internal.WrittenLayer;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.registry.BlobMismatchException;
import io.github.ecrtoolkit.core.registry.RegistryUnavailableException;
import io.github.ecrtoolkit.core.internal.InternalApi;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;

/**
 * One push, as a short list of steps on the session's executor — the way every builder pushes:
 *
 * <ol>
 *   <li>a layer's blob is pushed as soon as it is written ({@link #layerWritten}), while others still compress;</li>
 *   <li>{@link #push}: the config, the remaining blobs (HEAD; mount or copy for base layers; upload)
 *       and a HEAD of each tag, all at once;</li>
 *   <li>once every blob is confirmed, the manifest under each tag that does not already name it —
 *       so a tag never points at a missing blob.</li>
 * </ol>
 *
 * Each step holds one of the session's slots while it runs; this class waits only on the caller's
 * thread. Closing cancels steps nobody waited for.
 */
@InternalApi
public final class PushSteps implements AutoCloseable {

    private final RegistrySession session;
    private final RegistryClient target;
    private final List<ImageReference> tags;
    private final String repository;
    private final ProgressListener listener;
    private final Map<Digest, CompletableFuture<LayerPushResult>> started = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} by which the push must be done; far away without a push timeout. */
    private final long deadline;

    /**
     * @throws EcrToolkitException when there is no tag, or the tags name several repositories
     */
    public PushSteps(RegistrySession session, List<ImageReference> tags, ProgressListener listener) {
        if (tags.isEmpty()) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                    "nothing to push: give at least one tag, e.g. .tag(\"app:1\")");
        }
        this.repository = tags.get(0).repository();
        for (ImageReference tag : tags) {
            if (!tag.repository().equals(repository) || !tag.registry().equals(tags.get(0).registry())) {
                throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT,
                        "all tags of one push must name the same repository; got " + tags.get(0) + " and " + tag);
            }
        }
        this.session = session;
        this.target = session.target();
        this.tags = List.copyOf(tags);
        this.listener = listener;
        this.deadline = session.pushTimeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        session.watch(listener);
    }

    /**
     * Assembles an image with {@code assemble} — whose layers start their push as each is written —
     * then pushes it: the one way the daemonless paths push.
     */
    public static PushResult assembleAndPush(RegistrySession session, List<ImageReference> tags, ProgressListener listener,
                                             LayerSettings settings, Function<LayerSettings, Assembly> assemble) {
        try (PushSteps steps = new PushSteps(session, tags, listener);
             Assembly assembly = assemble.apply(settings.withOnLayerReady(steps::layerWritten))) {
            return steps.push(assembly.image());
        }
    }

    /** Step 1: starts pushing a layer that has just been written, unless it is already on its way. */
    public void layerWritten(WrittenLayer written) {
        CachedLayer layer = written.layer();
        Digest digest = Digest.parse(layer.digest());
        Descriptor descriptor = Descriptor.of(layer.mediaType(), digest, layer.size());
        pushBlob(BlobToPush.cached(descriptor, layer, written.rewrite()), listener);
    }

    /**
     * Steps 2 and 3: pushes {@code image} under every tag.
     *
     * @throws EcrToolkitException (a {@code RegistryException} naming the registry and repository)
     *         when a blob or the manifest cannot be pushed
     */
    public PushResult push(AssembledImage image) {
        CompletableFuture<LayerPushResult> config = pushBlob(
                BlobToPush.local(image.configDescriptor(), BlobSource.of(image.configBytes())), ProgressListener.NONE);
        List<CompletableFuture<LayerPushResult>> layers = new ArrayList<>();
        for (BlobToPush blob : image.layers()) {
            layers.add(pushBlob(blob, listener));
        }
        // A tag that already names this manifest needs no PUT (ECR rate-limits PutImage); reading
        // the tags alongside the blobs saves a round trip. The PUT itself still waits for every blob.
        List<CompletableFuture<Optional<Digest>>> current = new ArrayList<>();
        for (ImageReference tag : tags) {
            current.add(session.step(() -> target.manifestDigest(repository, tag.tagOrDigest())));
        }
        byte[] manifest = image.manifestBytes();
        Digest digest = Digest.sha256(manifest);
        String mediaType = image.manifest().mediaType();
        List<LayerPushResult> results = new ArrayList<>();
        for (CompletableFuture<LayerPushResult> layer : layers) {
            results.add(await(layer));
        }
        await(config);
        for (int i = 0; i < tags.size(); i++) {
            ImageReference tag = tags.get(i);
            if (!digest.equals(await(current.get(i)).orElse(null))) {
                await(session.step(() -> {
                    target.putManifest(repository, tag.tagOrDigest(), mediaType, manifest);
                    return null;
                }));
            }
            listener.onEvent(new ProgressEvent.ManifestPushed(tag, digest, mediaType));
        }
        return new PushResult(digest, tags, results, mediaType);
    }

    private CompletableFuture<LayerPushResult> pushBlob(BlobToPush blob, ProgressListener events) {
        return started.computeIfAbsent(blob.descriptor().digest(), d -> session.step(() -> pushOne(blob, events)));
    }

    /** One blob: present already, mounted from another repository of the same registry, or uploaded. */
    private LayerPushResult pushOne(BlobToPush blob, ProgressListener events) {
        Descriptor d = blob.descriptor();
        if (target.blobSize(repository, d.digest()).isPresent()) {
            events.onEvent(new ProgressEvent.LayerSkipped(d.digest(), d.size()));
            return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.ALREADY_PRESENT, 0);
        }
        Optional<RegistryClient> source = blob.sourceClient();
        if (source.isPresent() && source.get().host().equals(target.host())) {
            String from = blob.sourceRepository().orElseThrow();
            if (!from.equals(repository) && target.mount(repository, d.digest(), from)) {
                events.onEvent(new ProgressEvent.LayerMounted(d.digest(), d.size(), from));
                return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.MOUNTED, 0);
            }
        }
        events.onEvent(new ProgressEvent.LayerStarted(d.digest(), d.size()));
        long sent;
        try {
            sent = upload(d, blob.source(), events);
        } catch (BlobMismatchException corrupt) {
            if (blob.rewrite().isEmpty()) {
                throw corrupt;
            }
            sent = upload(d, rewritten(d, blob.rewrite().get(), corrupt, events), events);
        }
        events.onEvent(new ProgressEvent.LayerPushed(d.digest(), d.size(), sent));
        return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.PUSHED, sent);
    }

    private long upload(Descriptor d, BlobSource source, ProgressListener events) {
        return target.upload(repository, d.digest(), d.size(), source,
                n -> events.onEvent(new ProgressEvent.LayerProgress(d.digest(), n, d.size())));
    }

    /**
     * A cached layer whose blob did not match its digest (a disk fault, a hand edit): its entry goes,
     * the layer is written again from its sources, and — being reproducible — must come out as the
     * digest the manifest names.
     */
    private BlobSource rewritten(Descriptor d, Supplier<CachedLayer> rewrite, BlobMismatchException corrupt,
                                 ProgressListener events) {
        CachedLayer fresh = rewrite.get();
        events.onEvent(new ProgressEvent.LayerCacheRepaired(d.digest(), corrupt.getMessage()));
        if (!fresh.digest().equals(d.digest().toString())) {
            throw new EcrToolkitException("layer " + d.digest() + " was corrupt in the layer cache and, written again, came out as "
                    + fresh.digest() + ": its files changed during the build; push again");
        }
        return BlobSource.of(fresh.blob());
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            if (deadline == Long.MAX_VALUE) {
                return future.get();
            }
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            List<String> waiting = started.entrySet().stream().filter(b -> !b.getValue().isDone())
                    .map(b -> b.getKey().toString()).sorted().toList();
            throw new RegistryUnavailableException("the push to " + target.host() + " did not finish within "
                    + session.pushTimeout().orElseThrow() + " (Registry.builder().pushTimeout); no tag was written; still waiting for "
                    + (waiting.isEmpty() ? "the manifest" : "blobs " + String.join(", ", waiting)), target.host(), repository, 0,
                    null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new EcrToolkitException("pushing a blob failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while pushing", e);
        }
    }

    /** Cancels the steps nobody waited for (a build that failed after some layers were written). */
    @Override
    public void close() {
        session.unwatch(listener);
        started.values().forEach(f -> f.cancel(true));
    }
}
