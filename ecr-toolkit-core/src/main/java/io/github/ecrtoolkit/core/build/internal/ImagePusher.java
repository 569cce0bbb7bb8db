package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.LayerPushResult;
import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;

/**
 * Pushes an assembled image: every blob (HEAD first; mount or registry-to-registry copy for base
 * layers; upload for new ones), a few at a time, then the config, then the manifest under each
 * tag — only after every blob is confirmed, so a tag never points at a missing blob.
 */
public final class ImagePusher {

    /** Blobs pushed at once; each holds at most two requests (a source GET and a target PATCH). */
    public static final int PARALLEL_BLOBS = 3;

    private ImagePusher() {
    }

    /**
     * Pushes {@code image} to {@code target} under {@code tags} (all in {@code target}'s registry and one repository).
     *
     * @throws EcrToolkitException when a blob or the manifest cannot be pushed
     */
    public static PushResult push(AssembledImage image, RegistryClient target, List<ImageReference> tags, ProgressListener listener) {
        return push(image, target, tags, listener, java.util.Map.of());
    }

    /**
     * {@link #push(AssembledImage, RegistryClient, List, ProgressListener)}, taking over the uploads of
     * layers that {@link EarlyUploads} started while other layers were still being written.
     */
    public static PushResult push(AssembledImage image, RegistryClient target, List<ImageReference> tags, ProgressListener listener,
                                  java.util.Map<Digest, Future<LayerPushResult>> started) {
        if (tags.isEmpty()) {
            throw new EcrToolkitException("nothing to push: give at least one tag, e.g. .tag(\"app:1\")");
        }
        String repository = tags.get(0).repository();
        for (ImageReference tag : tags) {
            if (!tag.repository().equals(repository) || !tag.registry().equals(tags.get(0).registry())) {
                throw new EcrToolkitException("all tags of one push must name the same repository; got " + tags.get(0) + " and " + tag);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_BLOBS, r -> {
            Thread t = new Thread(r, "ecr-toolkit-push");
            t.setDaemon(true);
            return t;
        });
        try {
            // the config goes up alongside the layers (it is small and known), not after them
            Descriptor config = image.configDescriptor();
            Future<LayerPushResult> configPushed = pool.submit(() -> pushBlob(
                    BlobToPush.local(config, BlobSource.of(image.configBytes())), target, repository, ProgressListener.NONE));
            List<Future<LayerPushResult>> futures = new ArrayList<>();
            for (BlobToPush blob : image.layers()) {
                Future<LayerPushResult> early = started.get(blob.descriptor().digest());
                futures.add(early != null ? early : pool.submit(() -> pushBlob(blob, target, repository, listener)));
            }
            byte[] manifest = image.manifestBytes();
            Digest digest = Digest.sha256(manifest);
            String mediaType = image.manifest().mediaType();
            // HEAD each tag while the blobs are checked, not after (one round trip less in a row): a tag
            // that already names this digest needs no PUT (ECR rate-limits PutImage). Reading a tag
            // early is safe; the PUT itself still waits for every blob.
            List<Future<Optional<Digest>>> current = new ArrayList<>();
            for (ImageReference tag : tags) {
                current.add(pool.submit(() -> target.manifestDigest(repository, tag.tagOrDigest())));
            }
            List<LayerPushResult> layers = new ArrayList<>();
            for (Future<LayerPushResult> future : futures) {
                layers.add(await(future));
            }
            await(configPushed);

            for (int i = 0; i < tags.size(); i++) {
                ImageReference tag = tags.get(i);
                if (!digest.equals(await(current.get(i)).orElse(null))) {
                    target.putManifest(repository, tag.tagOrDigest(), mediaType, manifest);
                }
                listener.onEvent(new ProgressEvent.ManifestPushed(tag, digest, mediaType));
            }
            return new PushResult(digest, tags, layers, mediaType);
        } finally {
            pool.shutdownNow();
        }
    }

    static LayerPushResult pushBlob(BlobToPush blob, RegistryClient target, String repository, ProgressListener listener) {
        Descriptor d = blob.descriptor();
        if (target.blobSize(repository, d.digest()).isPresent()) {
            listener.onEvent(new ProgressEvent.LayerSkipped(d.digest(), d.size()));
            return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.ALREADY_PRESENT, 0);
        }
        Optional<RegistryClient> source = blob.sourceClient();
        if (source.isPresent() && source.get().host().equals(target.host())) {
            String from = blob.sourceRepository().orElseThrow();
            if (!from.equals(repository) && target.mount(repository, d.digest(), from)) {
                listener.onEvent(new ProgressEvent.LayerMounted(d.digest(), d.size(), from));
                return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.MOUNTED, 0);
            }
        }
        listener.onEvent(new ProgressEvent.LayerStarted(d.digest(), d.size()));
        long sent = target.upload(repository, d.digest(), d.size(), blob.source(),
                n -> listener.onEvent(new ProgressEvent.LayerProgress(d.digest(), n, d.size())));
        listener.onEvent(new ProgressEvent.LayerPushed(d.digest(), d.size(), sent));
        return new LayerPushResult(d.digest(), d.size(), LayerPushStatus.PUSHED, sent);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EcrToolkitException("pushing a layer failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcrToolkitException("interrupted while pushing", e);
        }
    }
}
