package io.github.ecrtoolkit.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.build.internal.AssembledImage;
import io.github.ecrtoolkit.core.build.internal.AssembledIndex;
import io.github.ecrtoolkit.core.build.internal.BlobToPush;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.layer.internal.TarHeaders;

/**
 * Writes an image to files instead of a registry: a {@code docker load} tarball, or an OCI image
 * layout folder. Base layers are streamed from their registry straight into the output. Not API:
 * users call {@link ImageBuild#writeTarball}, {@link ImageBuild#writeOciLayout} or {@link ImageBuild#loadInto}.
 */
final class ImageFiles {

    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ImageFiles() {
    }

    /**
     * Writes a tarball {@code docker load} accepts: config, gzip layers, {@code manifest.json} naming every tag.
     *
     * @throws EcrToolkitException when the file cannot be written or a base layer cannot be read
     */
    static Path writeDockerTarball(AssembledImage image, List<ImageReference> tags, Path file) {
        Path temp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            temp = newPartialFile(parent, file.getFileName().toString());
            try (OutputStream tar = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                TarHeaders headers = new TarHeaders();
                String configName = image.configDescriptor().digest().hex() + ".json";
                entry(tar, headers, configName, image.configBytes());
                List<String> layerNames = new ArrayList<>();
                Set<Digest> written = new LinkedHashSet<>();
                for (BlobToPush layer : image.layers()) {
                    String name = layer.descriptor().digest().hex() + (isZstd(layer) ? ".tar.zst" : ".tar.gz");
                    layerNames.add(name);
                    if (written.add(layer.descriptor().digest())) {
                        streamEntry(tar, headers, name, layer);
                    }
                }
                ArrayNode manifest = ImageJson.mapper().createArrayNode();
                ObjectNode item = manifest.addObject();
                item.put("Config", configName);
                ArrayNode repoTags = item.putArray("RepoTags");
                tags.forEach(t -> repoTags.add(repoTag(t)));
                ArrayNode layers = item.putArray("Layers");
                layerNames.forEach(layers::add);
                entry(tar, headers, "manifest.json", ImageJson.bytes(manifest));
                headers.finish(tar);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new EcrToolkitException("cannot write the image tarball " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Writes (or adds to) an OCI image layout folder: {@code oci-layout}, {@code blobs/sha256/…} and
     * {@code index.json} with one entry per tag ({@code org.opencontainers.image.ref.name}). An image
     * on a Docker-typed base is written with OCI media types (same config and layer bytes, a manifest
     * of its own): OCI readers such as skopeo and umoci find no Docker manifest in a layout.
     *
     * @throws EcrToolkitException when the folder cannot be written or a base layer cannot be read
     */
    static Path writeOciLayout(AssembledImage image, List<ImageReference> tags, Path folder) {
        try {
            Path blobs = layoutBlobs(folder);
            AssembledImage oci = image.asOci();
            byte[] manifest = writeImageBlobs(oci, blobs);
            return writeLayoutIndex(folder, tags, oci.manifest().mediaType(), manifest);
        } catch (IOException e) {
            throw new EcrToolkitException("cannot write the OCI layout " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes (or adds to) an OCI image layout folder with every platform's image and the OCI image
     * index over them (a Docker manifest list and its images are written under OCI types, as above);
     * {@code index.json} names the image index once per tag.
     *
     * @throws EcrToolkitException when the folder cannot be written or a base layer cannot be read
     */
    static Path writeOciLayout(AssembledIndex index, List<ImageReference> tags, Path folder) {
        try {
            Path blobs = layoutBlobs(folder);
            AssembledIndex oci = index.asOci();
            for (AssembledIndex.PlatformImage p : oci.images()) {
                writeImageBlobs(p.image(), blobs);
            }
            byte[] indexBytes = oci.indexBytes();
            Files.write(blobs.resolve(Digest.sha256(indexBytes).hex()), indexBytes);
            return writeLayoutIndex(folder, tags, oci.mediaType(), indexBytes);
        } catch (IOException e) {
            throw new EcrToolkitException("cannot write the OCI layout " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path layoutBlobs(Path folder) throws IOException {
        Path blobs = Files.createDirectories(folder.resolve("blobs").resolve("sha256"));
        Files.write(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        return blobs;
    }

    /** Writes the image's layers, config and manifest as blobs; returns the manifest's bytes. */
    private static byte[] writeImageBlobs(AssembledImage image, Path blobs) throws IOException {
        for (BlobToPush layer : image.layers()) {
            Path target = blobs.resolve(layer.descriptor().digest().hex());
            if (!Files.exists(target)) {
                try (InputStream in = open(layer)) {
                    writeVerified(in, target, layer.descriptor().digest());
                }
            }
        }
        Files.write(blobs.resolve(image.configDescriptor().digest().hex()), image.configBytes());
        byte[] manifest = image.manifestBytes();
        Files.write(blobs.resolve(Digest.sha256(manifest).hex()), manifest);
        return manifest;
    }

    /** Points {@code index.json} at {@code manifest} once per tag, keeping the entries of other tags. */
    private static Path writeLayoutIndex(Path folder, List<ImageReference> tags, String mediaType, byte[] manifest) throws IOException {
        Digest digest = Digest.sha256(manifest);
        Path indexFile = folder.resolve("index.json");
        List<Descriptor> entries = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        tags.forEach(t -> names.add(t.tag().orElse("latest")));
        if (Files.exists(indexFile)) {
            for (Descriptor d : ImageJson.readIndex(Files.readAllBytes(indexFile), MediaTypes.OCI_INDEX).manifests()) {
                if (!names.contains(d.annotations().get(REF_NAME))) {
                    entries.add(d);
                }
            }
        }
        for (String name : names) {
            entries.add(new Descriptor(mediaType, digest, manifest.length, java.util.Optional.empty(), Map.of(REF_NAME, name)));
        }
        Files.write(indexFile, ImageJson.write(new io.github.ecrtoolkit.core.image.ImageIndex(MediaTypes.OCI_INDEX, entries)));
        return folder;
    }

    private static boolean isZstd(BlobToPush layer) {
        return layer.descriptor().mediaType().endsWith("+zstd");
    }

    /**
     * A new file for output being written, created with the default permissions (what the umask
     * leaves of 0666), so that the finished file is as readable as any other the user writes;
     * {@code Files.createTempFile} would make it 0600.
     */
    private static Path newPartialFile(Path folder, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createFile(folder.resolve(prefix + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".partial"));
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /** {@code registry/repository:tag}, or {@code repository:tag} for an image without a registry (Docker adds its default). */
    static String repoTag(ImageReference tag) {
        String name = tag.repository() + ":" + tag.tag().orElse("latest");
        return tag.registry().isEmpty() ? name : tag.registry() + "/" + name;
    }

    private static InputStream open(BlobToPush blob) throws IOException {
        return blob.local().isPresent() ? blob.local().get().open()
                : blob.sourceClient().orElseThrow().openBlob(blob.sourceRepository().orElseThrow(), blob.descriptor().digest());
    }

    private static void streamEntry(OutputStream tar, TarHeaders headers, String name, BlobToPush blob) throws IOException {
        long size = blob.descriptor().size();
        headers.write(tar, name, TarHeaders.FILE, null, 0100644, 0, 0, size, 0);
        MessageDigest sha = Digest.sha256Engine();
        try (InputStream in = new DigestInputStream(open(blob), sha)) {
            long copied = in.transferTo(tar);
            if (copied != size) {
                throw new IOException("layer " + blob.descriptor().digest() + " had " + copied + " bytes, expected " + size);
            }
        }
        if (!Digest.ofSha256(sha).equals(blob.descriptor().digest())) {
            throw new IOException("layer " + blob.descriptor().digest() + " does not match its digest");
        }
        headers.pad(tar, size);
    }

    private static void entry(OutputStream tar, TarHeaders headers, String name, byte[] bytes) throws IOException {
        headers.write(tar, name, TarHeaders.FILE, null, 0100644, 0, 0, bytes.length, 0);
        tar.write(bytes);
        headers.pad(tar, bytes.length);
    }

    private static void writeVerified(InputStream in, Path target, Digest expected) throws IOException {
        Path temp = newPartialFile(target.getParent(), "blob");
        try {
            MessageDigest sha = Digest.sha256Engine();
            try (InputStream digesting = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(temp)) {
                digesting.transferTo(out);
            }
            if (!Digest.ofSha256(sha).equals(expected)) {
                throw new IOException("blob " + expected + " does not match its digest");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover *.partial file is never mistaken for output
            }
        }
    }

}
