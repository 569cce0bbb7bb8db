package io.github.ecrtoolkit.core.cache.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 fed through a buffer: cache keys are many small pieces, and many small updates of a
 * digest cost more than few large ones. Not thread-safe.
 *
 * <pre>{@code
 * BufferedSha256 sha = new BufferedSha256();
 * sha.writeInt(path.length);
 * sha.write(path);
 * String hex = sha.hex();
 * }</pre>
 */
public final class BufferedSha256 {

    private static final int FLUSH_AT = 16 * 1024;
    private final MessageDigest sha;
    private byte[] buffer = new byte[FLUSH_AT + 1024];
    private int size;

    public BufferedSha256() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public void write(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        flushIfFull();
    }

    /** The low byte of {@code value}. */
    public void write(int value) {
        room(1);
        buffer[size++] = (byte) value;
        flushIfFull();
    }

    /** Big-endian, as {@link java.io.DataOutputStream#writeInt} writes it. */
    public void writeInt(int value) {
        room(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        flushIfFull();
    }

    /** Big-endian, as {@link java.io.DataOutputStream#writeLong} writes it. */
    public void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** The digest of everything written, as 64 lower-case hex digits; nothing can be written after. */
    public String hex() {
        sha.update(buffer, 0, size);
        size = 0;
        return HexFormat.of().formatHex(sha.digest());
    }

    private void room(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }

    private void flushIfFull() {
        if (size >= FLUSH_AT) {
            sha.update(buffer, 0, size);
            size = 0;
        }
    }
}
