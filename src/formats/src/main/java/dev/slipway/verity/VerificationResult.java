package dev.slipway.verity;

import java.nio.file.Path;

/**
 * The outcome of {@link Verity#verify}.
 *
 * @param data       the data file checked
 * @param hash       the file holding the superblock and tree
 * @param parameters the parameters read from the superblock
 * @param geometry   where the tree's levels lie in the hash file
 * @param mismatch   the first mismatch, or {@code null} when everything matched the root hash
 */
public record VerificationResult(Path data, Path hash, VerityParameters parameters, TreeGeometry geometry,
                                 VerityMismatch mismatch) {

    /** Whether the data, tree and superblock parameters all match the root hash. */
    public boolean ok() {
        return mismatch == null;
    }

    /** A sentence for a log or an error: the first bad block with its file and offset, or success. */
    public String message() {
        if (ok()) {
            return data + " verified against " + hash + ": " + parameters.dataBlocks() + " data blocks match the root hash";
        }
        return "verity verification of " + data + " (hash area in " + hash + ") failed: " + mismatch.message();
    }

    /** Throws a {@link VerityException} carrying {@link #message()} unless {@link #ok()}. */
    public VerificationResult orThrow() throws VerityException {
        if (!ok()) {
            throw new VerityException(message());
        }
        return this;
    }
}
