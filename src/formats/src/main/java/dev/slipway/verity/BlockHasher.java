package dev.slipway.verity;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the dm-verity digest of one block, H(salt || block), for format version 1. Holds one
 * reusable {@link MessageDigest}: not thread-safe, use one per thread.
 */
public final class BlockHasher {

    private final MessageDigest digest;
    private final byte[] salt;
    private final int digestSize;

    public BlockHasher(VerityParameters parameters) {
        try {
            digest = MessageDigest.getInstance(parameters.jcaAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + parameters.jcaAlgorithm(), e);
        }
        salt = parameters.salt();
        digestSize = parameters.digestSize();
    }

    /** Bytes written by each {@code hash} call. */
    public int digestSize() {
        return digestSize;
    }

    /** Hashes {@code length} bytes of {@code block} from {@code offset} into {@code out} at {@code outOffset}. */
    public void hash(byte[] block, int offset, int length, byte[] out, int outOffset) {
        digest.update(salt);
        digest.update(block, offset, length);
        finish(out, outOffset);
    }

    /**
     * Hashes the remaining bytes of {@code block} (consuming them) into {@code out} at {@code outOffset}.
     * Direct and mapped buffers are hashed without an intermediate copy of the whole block.
     */
    public void hash(ByteBuffer block, byte[] out, int outOffset) {
        digest.update(salt);
        digest.update(block);
        finish(out, outOffset);
    }

    /** The digest of {@code block} as a new array. */
    public byte[] hash(byte[] block) {
        byte[] out = new byte[digestSize];
        hash(block, 0, block.length, out, 0);
        return out;
    }

    private void finish(byte[] out, int outOffset) {
        try {
            digest.digest(out, outOffset, digestSize);
        } catch (DigestException e) {
            // Only thrown when out is too short: a bug in the caller's arithmetic.
            throw new IllegalArgumentException("no room for a " + digestSize + "-byte digest at " + outOffset, e);
        }
    }
}
