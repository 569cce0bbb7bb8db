package io.github.ecrtoolkit.core.registry.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.registry.BlobMismatchException;

/**
 * Hashes a blob on its way to the registry and, at its end, refuses it when it is not the blob its
 * digest names: the upload then breaks off before the commit, so wrong bytes are never stored,
 * and the layer cache that gave them learns of it. The hash rides on the upload's one pass.
 */
final class DigestCheckingStream extends FilterInputStream {

    private final Digest expected;
    private final String source;
    private final MessageDigest sha = Digest.sha256Engine();
    private long count;
    private boolean checked;

    /** @param source where the bytes come from, for the message (a file, another registry) */
    DigestCheckingStream(InputStream in, Digest expected, String source) {
        super(in);
        this.expected = expected;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            check();
        } else {
            sha.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            check();
        } else {
            sha.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must pass the hash
    }

    private void check() {
        if (checked || !"sha256".equals(expected.algorithm())) {
            return;
        }
        checked = true;
        Digest actual = Digest.ofSha256(sha);
        if (!actual.equals(expected)) {
            throw new BlobMismatchException("the " + count + " bytes read from " + source + " are " + actual + ", not blob "
                    + expected + "; nothing was stored under that digest", expected, actual);
        }
    }
}
