package dev.slipway.verity;

import java.util.HexFormat;

/**
 * The first place where a verity volume does not match its root hash. Verification trusts only
 * the root hash and works downwards (top hash block, each hash level, then the data), so the
 * mismatch names the damaged block itself rather than the blocks it makes unverifiable.
 */
public sealed interface VerityMismatch {

    /** A sentence saying what is wrong and where. */
    String message();

    /**
     * The top hash block does not hash to the expected root hash: the root hash is wrong, or the
     * top block or the superblock's parameters (such as the salt) are damaged.
     *
     * @param offset   byte offset of the top hash block in the hash file
     * @param expected the root hash the caller trusts
     * @param actual   the digest of the top hash block as stored
     */
    record RootHash(long offset, byte[] expected, byte[] actual) implements VerityMismatch {
        public RootHash {
            expected = expected.clone();
            actual = actual.clone();
        }

        @Override
        public byte[] expected() {
            return expected.clone();
        }

        @Override
        public byte[] actual() {
            return actual.clone();
        }

        @Override
        public String message() {
            return "root hash mismatch: the top hash block at byte offset " + offset + " of the hash file hashes to "
                    + HexFormat.of().formatHex(actual) + ", not " + HexFormat.of().formatHex(expected)
                    + " (wrong root hash, damaged top hash block, or damaged superblock parameters such as the salt)";
        }
    }

    /**
     * A hash block does not match the digest its parent level (already verified) holds for it.
     *
     * @param level  the block's level, 0 being the level of data block digests
     * @param index  the block's index within its level
     * @param offset the block's byte offset in the hash file
     */
    record HashBlock(int level, long index, long offset) implements VerityMismatch {
        @Override
        public String message() {
            return "hash block " + index + " of level " + level + " at byte offset " + offset
                    + " of the hash file does not match its digest in level " + (level + 1);
        }
    }

    /**
     * A data block does not match its verified digest (the root hash itself for a one-block volume).
     *
     * @param index  the data block's index
     * @param offset the data block's byte offset in the data file
     */
    record DataBlock(long index, long offset) implements VerityMismatch {
        @Override
        public String message() {
            return "data block " + index + " at byte offset " + offset + " of the data file does not match its digest";
        }
    }
}
