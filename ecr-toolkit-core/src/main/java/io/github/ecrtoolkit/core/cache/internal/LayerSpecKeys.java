package io.github.ecrtoolkit.core.cache.internal;

import io.github.ecrtoolkit.core.cache.LayerKey;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The cache key of a {@link LayerSpec}: every entry as the tar records it, plus the source file's metadata. */
public final class LayerSpecKeys {

    /** Bump when the tar writer's output changes for the same input. */
    private static final String TAR_FORMAT = "pax-sorted-1";

    private LayerSpecKeys() {
    }

    /**
     * @throws UncheckedIOException when a source file's metadata cannot be read
     */
    public static LayerKey of(LayerSpec spec, Instant modificationTime) {
        LayerKey.Builder key = LayerKey.builder()
                .setting("tar", TAR_FORMAT)
                .setting("mtime", modificationTime.toString());
        try {
            for (LayerEntry e : spec.entries()) {
                String recorded = e.type() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid()
                        + " " + e.size() + e.linkTarget().map(t -> " -> " + t.length() + ":" + t).orElse("");
                if (e.source().isPresent()) {
                    key.file(e.path(), e.source().get(), recorded);
                } else {
                    key.entry(e.path(), recorded + e.content().map(c -> " sha256:" + sha256(c)).orElse(""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of a layer source: " + e.getMessage(), e);
        }
        return key.build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
