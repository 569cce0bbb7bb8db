package io.github.ecrtoolkit.core.layer.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.ecrtoolkit.core.internal.InternalApi;

/** Passes bytes through while hashing them with SHA-256 and counting them. */
@InternalApi
public final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest digest;
    private long count;

    public HashingOutputStream(OutputStream out) {
        super(out);
        this.digest = sha256();
    }

    @Override
    public void write(int b) throws IOException {
        digest.update((byte) b);
        count++;
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        digest.update(b, off, len);
        count += len;
        out.write(b, off, len);
    }

    /** {@code sha256:<hex>} of everything written; call once, after the last write. */
    public String digest() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    public long count() {
        return count;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
