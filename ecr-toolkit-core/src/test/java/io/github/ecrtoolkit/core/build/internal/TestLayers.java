package io.github.ecrtoolkit.core.build.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import io.github.ecrtoolkit.core.image.Digest;

/** Hand-made layers for tests of the push path, independent of the layer writer. */
final class TestLayers {

    private TestLayers() {
    }

    static NewLayer layer(Path dir, Map<String, String> files, String createdBy) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(data.length);
                entry.setModTime(0);
                entry.setMode(0100644);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        byte[] tar = tarBytes.toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] blob = gz.toByteArray();
        Digest digest = Digest.sha256(blob);
        Path file = Files.write(Files.createDirectories(dir).resolve(digest.hex() + ".tar.gz"), blob);
        return new NewLayer(file, digest, Digest.sha256(tar), blob.length, createdBy);
    }
}
