package dev.slipway.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts every byte read through it, so that a blob is checked in the same pass that
 * uses it. Skipping reads the bytes too: nothing passes unhashed.
 */
final class DigestingInputStream extends FilterInputStream {

    private final String algorithm;
    private final MessageDigest hasher;
    private final byte[] skipBuffer = new byte[8192];
    private long count;
    private Digest digest;

    DigestingInputStream(InputStream in, String algorithm) {
        super(in);
        this.algorithm = algorithm;
        this.hasher = Digest.newHasher(algorithm);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            hasher.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            hasher.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int read = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported: every byte is hashed once, in order
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads what is left, to the end of the stream. */
    void drain() throws IOException {
        while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // hashing is the point
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The digest of everything read; ends the hashing, so call it after the last read. */
    Digest digest() {
        if (digest == null) {
            digest = Digest.of(algorithm, hasher);
        }
        return digest;
    }
}
