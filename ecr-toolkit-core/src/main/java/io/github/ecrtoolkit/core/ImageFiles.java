package io.github.ecrtoolkit.core;

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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.build.internal.AssembledImage;
import io.github.ecrtoolkit.core.build.internal.BlobToPush;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;

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
            try (OutputStream out = Files.newOutputStream(temp); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                String configName = image.configDescriptor().digest().hex() + ".json";
                entry(tar, configName, image.configBytes());
                List<String> layerNames = new ArrayList<>();
                Set<Digest> written = new LinkedHashSet<>();
                for (BlobToPush layer : image.layers()) {
                    String name = layer.descriptor().digest().hex() + (isZstd(layer) ? ".tar.zst" : ".tar.gz");
                    layerNames.add(name);
                    if (written.add(layer.descriptor().digest())) {
                        streamEntry(tar, name, layer);
                    }
                }
                ArrayNode manifest = ImageJson.mapper().createArrayNode();
                ObjectNode item = manifest.addObject();
                item.put("Config", configName);
                ArrayNode repoTags = item.putArray("RepoTags");
                tags.forEach(t -> repoTags.add(repoTag(t)));
                ArrayNode layers = item.putArray("Layers");
                layerNames.forEach(layers::add);
                entry(tar, "manifest.json", ImageJson.bytes(manifest));
                tar.finish();
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
            Path blobs = Files.createDirectories(folder.resolve("blobs").resolve("sha256"));
            Files.write(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            for (BlobToPush layer : image.layers()) {
                Path target = blobs.resolve(layer.descriptor().digest().hex());
                if (!Files.exists(target)) {
                    try (InputStream in = open(layer)) {
                        writeVerified(in, target, layer.descriptor().digest());
                    }
                }
            }
            Files.write(blobs.resolve(image.configDescriptor().digest().hex()), image.configBytes());
            ImageManifest oci = ociManifest(image.manifest());
            byte[] manifest = ImageJson.write(oci);
            Digest digest = Digest.sha256(manifest);
            Files.write(blobs.resolve(digest.hex()), manifest);

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
                entries.add(new Descriptor(oci.mediaType(), digest, manifest.length, java.util.Optional.empty(),
                        Map.of(REF_NAME, name)));
            }
            Files.write(indexFile, ImageJson.write(new io.github.ecrtoolkit.core.image.ImageIndex(MediaTypes.OCI_INDEX, entries)));
            return folder;
        } catch (IOException e) {
            throw new EcrToolkitException("cannot write the OCI layout " + folder + ": " + e.getMessage(), e);
        }
    }

    private static ImageManifest ociManifest(ImageManifest manifest) {
        if (!MediaTypes.isDocker(manifest.mediaType())) {
            return manifest;
        }
        List<Descriptor> layers = manifest.layers().stream().map(ImageFiles::toOci).toList();
        return new ImageManifest(MediaTypes.OCI_MANIFEST, toOci(manifest.config()), layers);
    }

    private static Descriptor toOci(Descriptor d) {
        return new Descriptor(MediaTypes.toOci(d.mediaType()), d.digest(), d.size(), d.platform(), d.annotations());
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

    private static void streamEntry(TarArchiveOutputStream tar, String name, BlobToPush blob) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(blob.descriptor().size());
        entry.setModTime(0);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        MessageDigest sha = Digest.sha256Engine();
        try (InputStream in = new DigestInputStream(open(blob), sha)) {
            long copied = in.transferTo(tar);
            if (copied != blob.descriptor().size()) {
                throw new IOException("layer " + blob.descriptor().digest() + " had " + copied + " bytes, expected " + blob.descriptor().size());
            }
        }
        if (!Digest.ofSha256(sha).equals(blob.descriptor().digest())) {
            throw new IOException("layer " + blob.descriptor().digest() + " does not match its digest");
        }
        tar.closeArchiveEntry();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setModTime(0);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
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
