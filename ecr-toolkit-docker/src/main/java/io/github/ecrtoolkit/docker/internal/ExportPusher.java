package io.github.ecrtoolkit.docker.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.build.internal.AssembledImage;
import io.github.ecrtoolkit.core.build.internal.BlobToPush;
import io.github.ecrtoolkit.core.build.internal.ImagePusher;
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
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;
import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;
import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/**
 * Pushes an engine image without the engine's push: export it ({@code docker save} format),
 * gzip the layers with the core's deterministic writer (concurrently, and never twice for the same
 * diff id in this process), and push with the core's registry client.
 */
public final class ExportPusher {

    /** diff id → compressed digest and size, for layers compressed before: deterministic gzip makes them equal. */
    private static final Map<String, Descriptor> COMPRESSED = new ConcurrentHashMap<>();
    private static final int BUFFER = 1 << 16;

    private ExportPusher() {
    }

    /** A layer tar taken out of the export, its diff id computed on the way. */
    private record ExportedLayer(Path tar, String diffId) {
    }

    public static PushResult push(EngineHttp http, List<ImageReference> references, RegistryCredentialsProvider credentials,
            boolean insecure, ProgressListener listener) {
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
            List<BlobToPush> blobs = compress(ordered, work);
            Descriptor configDescriptor = Descriptor.of(MediaTypes.DOCKER_CONFIG, Digest.sha256(config), config.length);
            AssembledImage image = new AssembledImage(blobs, config,
                    new ImageManifest(MediaTypes.DOCKER_MANIFEST, configDescriptor, blobs.stream().map(BlobToPush::descriptor).toList()));
            try (RegistryClient client = RegistryClient.create(first.registry(), credentials, insecure && first.isLoopbackRegistry(),
                    8, RetryPolicy.DEFAULT)) {
                return ImagePusher.push(image, client, references, listener);
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

    private static List<BlobToPush> compress(List<ExportedLayer> layers, Path work) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(layers.size(), Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<BlobToPush>> futures = new ArrayList<>();
            for (ExportedLayer layer : layers) {
                futures.add(pool.submit(() -> blob(layer, work)));
            }
            List<BlobToPush> blobs = new ArrayList<>();
            for (Future<BlobToPush> future : futures) {
                try {
                    blobs.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EcrToolkitException("interrupted while compressing layers", e);
                }
            }
            return blobs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A layer already compressed once is compressed again only if the registry turns out to lack it. */
    private static BlobToPush blob(ExportedLayer layer, Path work) throws IOException {
        Descriptor known = COMPRESSED.get(layer.diffId());
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
        COMPRESSED.put(layer.diffId(), descriptor);
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
