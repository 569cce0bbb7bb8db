package io.github.ecrtoolkit.docker.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.build.internal.AssembledImage;
import io.github.ecrtoolkit.core.build.internal.BlobToPush;
import io.github.ecrtoolkit.core.build.internal.PushSteps;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.internal.DeterministicGzipOutputStream;
import io.github.ecrtoolkit.core.layer.internal.HashingOutputStream;
import io.github.ecrtoolkit.core.registry.internal.BlobSource;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/**
 * Pushes an engine image without the engine's push: export it ({@code docker save} format),
 * gzip the layers with the core's deterministic writer (concurrently, on the registry session's
 * executor, and not again for a diff id this engine's pusher compressed before), and push through
 * the registry session's push steps — the same steps as every other builder.
 */
public final class ExportPusher {

    /** Diff ids remembered per engine: enough for many images' layers, bounded so a long-lived engine does not grow. */
    private static final int REMEMBERED_LAYERS = 1024;
    private static final int BUFFER = 1 << 16;

    /** diff id → compressed digest and size, for layers compressed before: deterministic gzip makes them equal. */
    private final Map<String, Descriptor> compressed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Descriptor> eldest) {
            return size() > REMEMBERED_LAYERS;
        }
    });
    private final EngineHttp http;

    public ExportPusher(EngineHttp http) {
        this.http = http;
    }

    /** A layer tar taken out of the export, its diff id computed on the way. */
    private record ExportedLayer(Path tar, String diffId) {
    }

    /** Exports {@code references}' image from the engine and pushes it through {@code session}. */
    public PushResult push(List<ImageReference> references, RegistrySession session, ProgressListener listener) {
        ImageReference first = references.get(0);
        Path work = null;
        try {
            work = Files.createTempDirectory("ecrtk-export-");
            Map<String, ExportedLayer> layers = new HashMap<>();
            Map<String, byte[]> json = new HashMap<>();
            export(http, first.toString(), work, layers, json);
            JsonNode manifest = EngineHttp.JSON.readTree(json.get("manifest.json")).get(0);
            byte[] config = json.get(manifest.get("Config").asText());
            List<ExportedLayer> ordered = new ArrayList<>();
            manifest.get("Layers").forEach(l -> ordered.add(layers.get(l.asText())));
            List<BlobToPush> blobs = compress(ordered, work, session.executor());
            Descriptor configDescriptor = Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.sha256(config), config.length);
            AssembledImage image = new AssembledImage(blobs, config,
                    new ImageManifest(MediaTypes.DOCKER_MANIFEST, configDescriptor, blobs.stream().map(BlobToPush::descriptor).toList()));
            try (PushSteps steps = new PushSteps(session, references, listener)) {
                return steps.push(image);
            }
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Exporting " + first + " from " + http.engine() + " to push it failed: "
                    + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void export(EngineHttp http, String image, Path work, Map<String, ExportedLayer> layers,
            Map<String, byte[]> json) throws IOException {
        try (EngineResponse response = ImageArchives.openExport(http, image)) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(response.body())) {
                TarArchiveEntry entry;
                int n = 0;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (entry.isFile() && name.endsWith("/layer.tar")) {
                        Path file = work.resolve("layer-" + n++ + ".tar");
                        HashingOutputStream hashing;
                        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
                            hashing = new HashingOutputStream(out);
                            tar.transferTo(hashing);
                            hashing.flush();
                        }
                        layers.put(name, new ExportedLayer(file, hashing.digest()));
                    } else if (entry.isFile() && name.endsWith(".json") && !name.contains("/")) {
                        json.put(name, tar.readAllBytes());
                    }
                }
            }
        }
    }

    private List<BlobToPush> compress(List<ExportedLayer> layers, Path work, Executor executor) throws IOException {
        List<CompletableFuture<BlobToPush>> futures = new ArrayList<>();
        for (ExportedLayer layer : layers) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return blob(layer, work);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor));
        }
        List<BlobToPush> blobs = new ArrayList<>();
        for (CompletableFuture<BlobToPush> future : futures) {
            try {
                blobs.add(future.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EcrToolkitException("interrupted while compressing layers", e);
            }
        }
        return blobs;
    }

    /** A layer already compressed once is compressed again only if the registry turns out to lack it. */
    private BlobToPush blob(ExportedLayer layer, Path work) throws IOException {
        Descriptor known = compressed.get(layer.diffId());
        Path gz = work.resolve(layer.tar().getFileName() + ".gz");
        if (known != null) {
            return BlobToPush.local(known, () -> {
                if (!Files.exists(gz)) {
                    gzip(layer.tar(), gz);
                }
                return Files.newInputStream(gz);
            });
        }
        Descriptor descriptor = gzip(layer.tar(), gz);
        compressed.put(layer.diffId(), descriptor);
        return BlobToPush.local(descriptor, BlobSource.of(gz));
    }

    private static Descriptor gzip(Path tar, Path gz) throws IOException {
        HashingOutputStream compressed;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(gz), BUFFER)) {
            compressed = new HashingOutputStream(file);
            DeterministicGzipOutputStream gzip = new DeterministicGzipOutputStream(compressed, LayerBlobWriter.DEFAULT_COMPRESSION_LEVEL, BUFFER);
            try (InputStream in = Files.newInputStream(tar)) {
                in.transferTo(gzip);
            }
            gzip.finish();
            compressed.flush();
        }
        return Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, Digest.parse(compressed.digest()), Files.size(gz));
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
