package io.github.ecrtoolkit.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A content digest such as {@code sha256:9f86d0…}: the address of a blob or manifest in a registry.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:" + "a".repeat(64));
 * Digest same = Digest.sha256(manifestBytes);
 * }</pre>
 *
 * @param algorithm {@code sha256} (or another registered algorithm)
 * @param hex       the lower-case hex encoded value
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{32,}");

    public Digest {
        if (algorithm == null || !ALGORITHM.matcher(algorithm).matches()) {
            throw new InvalidReferenceException("invalid digest algorithm '" + algorithm + "'; expected e.g. sha256");
        }
        if (hex == null || !HEX.matcher(hex).matches() || ("sha256".equals(algorithm) && hex.length() != 64)) {
            throw new InvalidReferenceException("invalid " + algorithm + " digest value '" + hex
                    + "'; expected lower-case hex (64 characters for sha256)");
        }
    }

    /**
     * Parses {@code algorithm:hex}.
     *
     * @throws InvalidReferenceException when the text is not a digest
     */
    public static Digest parse(String text) {
        if (text == null) {
            throw new InvalidReferenceException("digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidReferenceException("invalid digest '" + text + "'; expected sha256:<64 hex characters>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The SHA-256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256Engine().digest(bytes)));
    }

    /**
     * The SHA-256 digest of a file, streamed.
     *
     * @throws EcrToolkitException when the file cannot be read
     */
    public static Digest sha256(Path file) {
        MessageDigest md = sha256Engine();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new EcrToolkitException("could not read " + file + " to hash it: " + e.getMessage(), e);
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** A digest from a finished SHA-256 {@link MessageDigest}. */
    public static Digest ofSha256(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    /** A fresh SHA-256 engine. */
    public static MessageDigest sha256Engine() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code hex} without the algorithm, as OCI layouts name blob files. */
    public String encoded() {
        return hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    // Written out, not left to the record: the generated ones bootstrap method handles on first use,
    // some 20 classes and milliseconds of a short push (a push compares digests early on).
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && algorithm.equals(d.algorithm) && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
